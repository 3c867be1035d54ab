import { api } from './api.js';
import { html } from './html.js';
import { formatMiB } from './format.js';
import { Problem, useApiCall } from './use-api-call.js';

const flag = (on) => (on ? 'enabled' : 'disabled');

/** What the API warns the VM's configuration costs (e.g. CPU hot add disabling vNUMA); nothing when none. */
export function ConfigurationWarnings({ warnings, testId = 'vm-warnings' }) {
  if (!warnings?.length) return null;
  return html`
    <ul class="warnings" data-testid=${testId} role="status">
      ${warnings.map((warning) => html`<li key=${warning.code} class="warning" data-code=${warning.code}><strong>Warning</strong> ${warning.message}</li>`)}
    </ul>`;
}

/** What the VM is made of and what its guest does: disks, NICs, hot-add flags, and its workload (changeable while on). */
export function VmConfiguration({ vm, onChanged }) {
  const { problem, call } = useApiCall();
  const setWorkload = async (event) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const body = {};
    for (const name of ['diskWriteMiBps', 'pageRemapsPerSec']) if (Number(fields.get(name)) > 0) body[name] = Number(fields.get(name));
    if (await call(() => api.post(`/vms/${encodeURIComponent(vm.id)}/workload`, body))) onChanged();
  };
  const workload = vm.workload;
  return html`
    <section class="card" data-testid="vm-configuration">
      <h3>Configuration</h3>
      <p class="small">CPU hot add <strong data-testid="cpu-hot-add">${flag(vm.cpuHotAddEnabled)}</strong> · memory hot add <strong data-testid="memory-hot-add">${flag(vm.memoryHotAddEnabled)}</strong>
        · ${vm.coresPerSocket} core(s) per socket</p>
      <table class="small" data-testid="vm-disks">
        <thead><tr><th>disk</th><th>size</th><th>datastore</th><th>file</th></tr></thead>
        <tbody>${vm.disks.map((disk, index) => html`<tr key=${disk.diskId}><td>${index}</td><td>${formatMiB(disk.sizeMiB)}</td><td>${disk.datastoreId}</td><td><code>${disk.fileName}</code></td></tr>`)}</tbody>
      </table>
      ${vm.nics.length > 0 ? html`<p class="small">NICs: ${vm.nics.map((nic) => nic.network).join(', ')}</p>` : null}
      <form onSubmit=${setWorkload} data-testid="workload-form">
        <p class="small">Guest workload: <strong data-testid="workload">${workload ? `${workload.diskWriteMiBps ?? 0} MiB/s of disk writes, ${workload.pageRemapsPerSec ?? 0} page remaps/s` : 'none'}</strong></p>
        <label>Disk writes (MiB/s) <input name="diskWriteMiBps" type="number" min="0" step="1" defaultValue=${workload?.diskWriteMiBps ?? 0} /></label>
        <label>Page remaps (per s) <input name="pageRemapsPerSec" type="number" min="0" step="100" defaultValue=${workload?.pageRemapsPerSec ?? 0} /></label>
        <div class="buttons"><button type="submit" class="secondary" disabled=${vm.powerState !== 'poweredOn'}>Set workload</button></div>
        <${Problem} problem=${problem} />
      </form>
    </section>`;
}
