import { useEffect, useState } from '../vendor/hooks.mjs';
import { html } from './html.js';
import { onStreamStatus } from './live-events.js';

export function Header() {
  const [status, setStatus] = useState('connecting');
  useEffect(() => onStreamStatus(setStatus), []);
  return html`
    <header class="top">
      <a class="brand" href="#/">FSR control plane</a>
      <nav>
        <a href="#/">Overview</a>
        <a href="/admin/queues" target="_blank" rel="noopener">Queues</a>
        <a href="/docs" target="_blank" rel="noopener">API</a>
      </nav>
      <span class=${`stream stream-${status}`} data-testid="stream-status" title="Event stream">${status}</span>
      <form method="post" action="/logout"><button class="link">Sign out</button></form>
    </header>`;
}
