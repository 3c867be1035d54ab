import { useState } from '../vendor/hooks.mjs';
import { api } from './api.js';
import { html } from './html.js';
import { PreviewCard } from './preview-card.js';

/** Storage vMotion (powered on) or cold relocation to another datastore, with a dry-run preview. */
export function RelocateForm({ vm, datastores }) {
  const [preview, setPreview] = useState();
  const [problem, setProblem] = useState();
  const targets = datastores.filter((datastore) => datastore.id !== vm.datastoreId);

  const submit = async (event) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const dryRun = event.submitter?.value === 'preview';
    setProblem(undefined);
    try {
      const answer = await api.post(`/vms/${encodeURIComponent(vm.id)}/relocate`, {
        datastoreId: fields.get('datastoreId'),
        mode: fields.get('mode'),
        dryRun,
      });
      if (dryRun) setPreview(answer);
      else if (answer.operationId) location.hash = `#/operations/${answer.operationId}`;
    } catch (error) {
      setProblem(`${error.code}: ${error.message}`);
    }
  };

  return html`
    <form class="card" onSubmit=${submit} data-testid="relocate-form">
      <h3>Relocate (Storage vMotion)</h3>
      ${targets.length === 0
        ? html`<p class="muted">No other datastore to move to.</p>`
        : html`
          <label>Datastore <select name="datastoreId">${targets.map((datastore) => html`<option value=${datastore.id}>${datastore.name}</option>`)}</select></label>
          <label>Mode <select name="mode"><option value="distributed">distributed</option><option value="legacy">legacy</option></select></label>
          <div class="buttons">
            <button type="submit" value="preview" class="secondary">Preview (dry run)</button>
            <button type="submit" value="start">Start relocation</button>
          </div>`}
      ${problem ? html`<p class="error" role="alert">${problem}</p>` : null}
      ${preview ? html`<${PreviewCard} preview=${preview} />` : null}
    </form>`;
}
