import { useEffect, useState } from '../vendor/hooks.mjs';
import { html } from './html.js';
import { formatTime } from './format.js';
import { onLiveEvent } from './live-events.js';

const KEEP = 25;

/** The newest events of the log as they are recorded (from the SSE stream). */
export function EventFeed() {
  const [events, setEvents] = useState([]);
  useEffect(() => onLiveEvent((event) => setEvents((previous) => [event, ...previous].slice(0, KEEP))), []);
  if (events.length === 0) return html`<p class="muted">Waiting for events…</p>`;
  return html`
    <ol class="feed" data-testid="event-feed">
      ${events.map((event) => html`
        <li key=${event.position}>
          <span class="muted small">#${event.position} ${formatTime(event.occurredAt)}</span>
          <code>${event.type}</code>
          <span class="muted small">${event.streamId}</span>
        </li>`)}
    </ol>`;
}
