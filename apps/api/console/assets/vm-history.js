import { html } from './html.js';
import { shortId } from './format.js';

const describe = (item) => {
  const data = item.data ?? {};
  if (data.hardware) return `${data.hardware.vcpus} vCPUs, ${data.hardware.memoryMiB} MiB${data.operationId ? ` (operation ${shortId(data.operationId)})` : ''}`;
  if (data.phase) return `${data.phase}${data.operationId ? ` (operation ${shortId(data.operationId)})` : ''}`;
  if (data.operationId) return `operation ${shortId(data.operationId)}`;
  return '';
};

/** The VM's audit trail from the event store, newest first (as read with order=desc). */
export function VmHistory({ items }) {
  return html`
    <ol class="history" data-testid="vm-history">
      ${items.map((item) => html`
        <li key=${item.position}>
          <time class="muted small">${new Date(item.occurredAt).toLocaleString(undefined, { hour12: false })}</time>
          <code>${item.type}</code>
          <span>${describe(item)}</span>
          <span class="muted small">by ${item.actor}</span>
        </li>`)}
    </ol>`;
}
