/**
 * The time axis of the segment timeline, in ms after the suspend. The SLA is usually far beyond a
 * stun of a few ms: it widens the axis only when that keeps the segments readable, otherwise it
 * is drawn at the right edge with an arrow.
 */
export function timelineScale({ ends, predictedMs, measuredMs, slaMs, width }) {
  const observed = Math.max(1, ...ends, predictedMs ?? 0, measuredMs ?? 0);
  const domainMs = (slaMs && slaMs <= observed * 3 ? Math.max(observed, slaMs) : observed) * 1.08;
  const step = niceStep(domainMs / 5);
  const ticks = [];
  for (let tick = 0; tick <= domainMs; tick += step) ticks.push(tick);
  return { domainMs, ticks, x: (ms) => (Math.max(0, Math.min(ms, domainMs)) / domainMs) * width };
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}
