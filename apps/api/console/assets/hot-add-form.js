import { useState } from '../vendor/hooks.mjs';
import { api } from './api.js';
import { html } from './html.js';
import { PreviewCard } from './preview-card.js';
import { Problem, useApiCall } from './use-api-call.js';

const numberOf = (form, name) => Number(new FormData(form).get(name));

/** New totals of vCPUs and memory; a dry run first shows the disruption, the predicted stun and the warnings of the VM as it would be. */
export function HotAddForm({ vm }) {
  const [preview, setPreview] = useState();
  const { problem, call } = useApiCall();
  const body = (form) => ({ vcpus: numberOf(form, 'vcpus'), memoryMiB: numberOf(form, 'memoryMiB'), mode: new FormData(form).get('mode') });

  const submit = async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const dryRun = event.submitter?.value === 'preview';
    const done = await call(() => api.post(`/vms/${encodeURIComponent(vm.id)}/hot-add`, { ...body(form), dryRun }));
    if (!done) return;
    if (dryRun) setPreview(done.answer);
    else if (done.answer.operationId) location.hash = `#/operations/${done.answer.operationId}`;
    else setPreview(undefined);
  };

  return html`
    <form class="card" onSubmit=${submit} data-testid="hot-add-form">
      <h3>Hot add</h3>
      <label>vCPUs <input name="vcpus" type="number" min="1" defaultValue=${vm.vcpus} required /></label>
      <label>Memory (MiB) <input name="memoryMiB" type="number" min="4" step="4" defaultValue=${vm.memoryMiB} required /></label>
      <label>Mode <select name="mode"><option value="distributed">distributed (one segment per vCPU)</option><option value="legacy">legacy (one segment)</option></select></label>
      <div class="buttons">
        <button type="submit" value="preview" class="secondary">Preview (dry run)</button>
        <button type="submit" value="start">Start hot add</button>
      </div>
      <${Problem} problem=${problem} />
      ${preview ? html`<${PreviewCard} preview=${preview} />` : null}
    </form>`;
}
