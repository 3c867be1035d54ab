import { html } from './html.js';
import { formatMiB } from './format.js';

/** VMs as bars of their memory (scaled to the largest), linking to each VM's page. */
export function VmList({ vms }) {
  if (vms.length === 0) return html`<p class="muted">No VMs yet.</p>`;
  const largest = Math.max(...vms.map((vm) => vm.memoryMiB));
  return html`
    <ul class="vm-list">
      ${vms.map((vm) => html`
        <li key=${vm.id}>
          <a href=${`#/vms/${encodeURIComponent(vm.id)}`} data-testid="vm-link" data-vm-name=${vm.name}>
            <span class=${`dot ${vm.powerState === 'poweredOn' ? 'connected' : 'off'}`}></span>
            <span class="vm-name">${vm.name}</span>
            <span class="vm-bar" title=${`memory ${formatMiB(vm.memoryMiB)}, against the largest VM's ${formatMiB(largest)}`} aria-label=${`memory ${formatMiB(vm.memoryMiB)}`}><span style=${{ width: `${(100 * vm.memoryMiB) / largest}%` }}></span></span>
            <span class="muted small">${vm.vcpus} vCPU · ${formatMiB(vm.memoryMiB)} · ${vm.hostId}</span>
            ${vm.activeOperationId ? html`<span class="badge run">busy</span>` : null}
          </a>
        </li>`)}
    </ul>`;
}
