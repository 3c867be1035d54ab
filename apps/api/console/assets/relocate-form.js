import { useState } from '../vendor/hooks.mjs';
import { api } from './api.js';
import { html } from './html.js';
import { PreviewCard } from './preview-card.js';
import { Problem, useApiCall } from './use-api-call.js';

/** Storage vMotion (powered on) or cold relocation to another datastore, with a dry-run preview. */
export function RelocateForm({ vm, datastores }) {
  const [preview, setPreview] = useState();
  const { problem, call } = useApiCall();
  const targets = datastores.filter((datastore) => datastore.id !== vm.datastoreId);

  const submit = async (event) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const dryRun = event.submitter?.value === 'preview';
    const limit = Number(fields.get('maxCopyMiBps'));
    const body = { datastoreId: fields.get('datastoreId'), mode: fields.get('mode'), dryRun, ...(limit > 0 ? { maxCopyMiBps: limit } : {}) };
    const done = await call(() => api.post(`/vms/${encodeURIComponent(vm.id)}/relocate`, body));
    if (!done) return;
    if (dryRun) setPreview(done.answer);
    else if (done.answer.operationId) location.hash = `#/operations/${done.answer.operationId}`;
  };

  return html`
    <form class="card" onSubmit=${submit} data-testid="relocate-form">
      <h3>Relocate (Storage vMotion)</h3>
      ${targets.length === 0
        ? html`<p class="muted">No other datastore to move to.</p>`
        : html`
          <label>Datastore <select name="datastoreId">${targets.map((datastore) => html`<option value=${datastore.id}>${datastore.name}</option>`)}</select></label>
          <label>Mode <select name="mode"><option value="distributed">distributed</option><option value="legacy">legacy</option></select></label>
          <label>Copy rate limit (MiB/s, empty: as fast as the disks go) <input name="maxCopyMiBps" type="number" min="1" step="1" /></label>
          <div class="buttons">
            <button type="submit" value="preview" class="secondary">Preview (dry run)</button>
            <button type="submit" value="start">Start relocation</button>
          </div>`}
      <${Problem} problem=${problem} />
      ${preview ? html`<${PreviewCard} preview=${preview} />` : null}
    </form>`;
}
