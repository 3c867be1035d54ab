import { api } from './api.js';
import { html } from './html.js';
import { EventFeed } from './event-feed.js';
import { CreateDatastoreForm } from './create-datastore-form.js';
import { CreateVmForm } from './create-vm-form.js';
import { HostCard } from './host-card.js';
import { HostMemoryChart } from './host-memory-chart.js';
import { OperationsChart } from './operations-chart.js';
import { useLiveData } from './use-live-data.js';
import { VmList } from './vm-list.js';

const loadOverview = async () => {
  const [hosts, vms, operations, datastores] = await Promise.all([api.all('/hosts'), api.all('/vms'), api.get('/operations'), api.all('/datastores')]);
  return { hosts, vms, operations, datastores };
};
const everyEvent = () => true;

export function Overview() {
  const { data, error } = useLiveData(loadOverview, everyEvent, []);
  if (!data) return error ? html`<p class="error">${error.message}</p>` : html`<p class="muted">Loading…</p>`;
  return html`
    <h2>Hosts</h2>
    <div class="grid">${data.hosts.map((host) => html`<${HostCard} key=${host.id} host=${host} vms=${data.vms} />`)}</div>
    ${data.hosts.length === 0
      ? html`<p class="muted">No host agent has registered yet.</p>`
      : html`<section class="card"><h3>Memory by host</h3><${HostMemoryChart} hosts=${data.hosts} vms=${data.vms} /></section>`}
    <div class="columns">
      <section class="card">
        <h2>VMs</h2>
        <${VmList} vms=${data.vms} />
        <details class="create" open=${data.vms.length === 0}>
          <summary>New VM or datastore</summary>
          <${CreateVmForm} hosts=${data.hosts.filter((host) => host.connectionState === 'connected' && !host.maintenance)} datastores=${data.datastores} />
          <${CreateDatastoreForm} />
        </details>
      </section>
      <section class="card"><h2>Recent switch-overs</h2><${OperationsChart} operations=${data.operations.filter((op) => !op.relocation?.cold).slice(0, 20)} /></section>
    </div>
    <section class="card"><h2>Live events</h2><${EventFeed} /></section>`;
}
