import { html } from './html.js';
import { formatMiB, formatRate } from './format.js';
import { UsageBar } from './usage-bar.js';

const numaLayout = ({ numaNodes, coresPerNumaNode }) => `${numaNodes} NUMA node${numaNodes === 1 ? '' : 's'} of ${coresPerNumaNode}`;

export function HostCard({ host, vms }) {
  const vcpus = vms.filter((vm) => vm.hostId === host.id && vm.powerState === 'poweredOn').reduce((sum, vm) => sum + vm.vcpus, 0);
  const memoryShare = host.capacity.memoryMiB ? host.used.memoryMiB / host.capacity.memoryMiB : 0;
  return html`
    <section class="card host" data-testid="host-card">
      <h3>
        <span class=${`dot ${host.connectionState}`} title=${host.connectionState}></span>
        ${host.name} ${host.maintenance ? html`<span class="badge warn">maintenance</span>` : null}
      </h3>
      <${UsageBar} label="Memory" used=${host.used.memoryMiB} total=${host.capacity.memoryMiB}
        text=${`${formatMiB(host.used.memoryMiB)} / ${formatMiB(host.capacity.memoryMiB)}`} tone=${memoryShare > 0.85 ? 'red' : 'blue'} />
      <${UsageBar} label="vCPUs running" used=${vcpus} total=${host.capacity.cpuCores} text=${`${vcpus} / ${host.capacity.cpuCores} cores · ${numaLayout(host.capacity)}`} tone="green" />
      <p class="muted small">${host.used.vms} VMs · ${host.pframeTransferRate.workerThreads} copy threads · ${formatRate(host.pframeTransferRate.perThreadPFramesPerSecond)}</p>
    </section>`;
}
