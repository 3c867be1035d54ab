export const formatMs = (ms) => (ms === null || ms === undefined ? '–' : ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`);
export const formatMiB = (mib) => (mib >= 1024 ? `${(mib / 1024).toFixed(mib % 1024 ? 1 : 0)} GiB` : `${mib} MiB`);
export const formatTime = (iso) => (iso ? new Date(iso).toLocaleTimeString(undefined, { hour12: false }) : '–');
export const formatRate = (perSecond) =>
  perSecond === null || perSecond === undefined ? 'not measured' : `${(perSecond / 1e6).toFixed(1)} M PFrames/s per thread`;
export const shortId = (id) => (id ? id.slice(0, 8) : '');
export const TERMINAL_STATES = ['succeeded', 'failed', 'cancelled', 'rolled-back'];
