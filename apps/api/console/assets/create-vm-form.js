import { api } from './api.js';
import { html } from './html.js';
import { Problem, useApiCall } from './use-api-call.js';

/** A new VM with hot add enabled and one disk, powered off; it opens on its page. */
export function CreateVmForm({ hosts, datastores }) {
  const { problem, call } = useApiCall();
  if (hosts.length === 0 || datastores.length === 0) {
    return html`<p class="muted">A VM needs a connected host and a datastore${datastores.length === 0 ? ' (create one below)' : ''}.</p>`;
  }
  const submit = async (event) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const created = await call(() =>
      api.post('/vms', {
        name: fields.get('name'),
        hostId: fields.get('hostId'),
        datastoreId: fields.get('datastoreId'),
        vcpus: Number(fields.get('vcpus')),
        memoryMiB: Number(fields.get('memoryMiB')),
        cpuHotAddEnabled: true,
        memoryHotAddEnabled: true,
        disks: [{ sizeMiB: Number(fields.get('diskMiB')) }],
      }),
    );
    if (created) location.hash = `#/vms/${encodeURIComponent(created.answer.id)}`;
  };
  return html`
    <form onSubmit=${submit} data-testid="create-vm-form" class="inline-form">
      <label>Name <input name="name" required /></label>
      <label>Host <select name="hostId">${hosts.map((host) => html`<option value=${host.id}>${host.name}</option>`)}</select></label>
      <label>Datastore <select name="datastoreId">${datastores.map((datastore) => html`<option value=${datastore.id}>${datastore.name}</option>`)}</select></label>
      <label>vCPUs <input name="vcpus" type="number" min="1" value="4" required /></label>
      <label>Memory (MiB) <input name="memoryMiB" type="number" min="4" step="4" value="2048" required /></label>
      <label>Disk (MiB) <input name="diskMiB" type="number" min="1" value="16" required /></label>
      <div class="buttons"><button type="submit">Create VM</button></div>
      <${Problem} problem=${problem} />
    </form>`;
}
