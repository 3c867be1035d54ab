import { api } from './api.js';
import { html } from './html.js';
import { formatMiB } from './format.js';
import { HotAddForm } from './hot-add-form.js';
import { OperationsChart } from './operations-chart.js';
import { PowerButton } from './power-button.js';
import { RelocateForm } from './relocate-form.js';
import { useLiveData } from './use-live-data.js';
import { ConfigurationWarnings, VmConfiguration } from './vm-configuration.js';
import { VmHistory } from './vm-history.js';

const loadVm = async (vmId) => {
  const id = encodeURIComponent(vmId);
  const [vm, operations, history, datastores] = await Promise.all([
    api.get(`/vms/${id}`),
    api.get(`/operations?vmId=${id}`),
    api.get(`/vms/${id}/history?limit=200&order=desc`),
    api.all('/datastores'),
  ]);
  return { vm, operations, history: history.items, datastores };
};

export function VmPage({ vmId }) {
  const { data, error, reload } = useLiveData(
    () => loadVm(vmId),
    (event) => event.data?.vmId === vmId || event.streamId === `vm-${vmId}`,
    [vmId],
  );
  if (!data) return error ? html`<p class="error">${error.message}</p>` : html`<p class="muted">Loading…</p>`;
  const { vm, operations, history, datastores } = data;
  return html`
    <p><a href="#/">← Overview</a></p>
    <h2 data-testid="vm-title">${vm.name} <span class=${`badge ${vm.powerState === 'poweredOn' ? 'ok' : ''}`} data-testid="power-state">${vm.powerState}</span>
      <${PowerButton} vm=${vm} onDone=${reload} /></h2>
    <p class="muted">${vm.vcpus} vCPUs · ${formatMiB(vm.memoryMiB)} · host ${vm.hostId} · datastore ${vm.datastoreId} · version ${vm.version}
      ${vm.activeOperationId ? html` · <a href=${`#/operations/${vm.activeOperationId}`}>operation running</a>` : null}</p>
    <${ConfigurationWarnings} warnings=${vm.warnings} />
    <${VmConfiguration} vm=${vm} onChanged=${reload} />
    <div class="columns">
      <${HotAddForm} vm=${vm} />
      <${RelocateForm} vm=${vm} datastores=${datastores} />
    </div>
    <section class="card"><h3>Operations</h3><${OperationsChart} operations=${operations} /></section>
    <section class="card"><h3>History</h3><${VmHistory} items=${history} /></section>`;
}
