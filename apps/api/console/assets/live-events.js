import { accessToken } from './api.js';

/** One EventSource for the whole page; it resumes with Last-Event-ID by itself after a drop. */
const listeners = new Set();
const statusListeners = new Set();
let source;
let status = 'connecting';

function setStatus(next) {
  status = next;
  statusListeners.forEach((listener) => listener(status));
}

function connect() {
  if (source) return;
  source = new EventSource(`/api/v1/events/stream${accessToken ? `?access_token=${encodeURIComponent(accessToken)}` : ''}`);
  source.onopen = () => setStatus('live');
  source.onerror = () => setStatus('reconnecting');
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    listeners.forEach((listener) => listener(event));
  };
}

/** Calls `listener` with every event log item recorded from now on; returns the unsubscribe function. */
export function onLiveEvent(listener) {
  connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onStreamStatus(listener) {
  connect();
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}
