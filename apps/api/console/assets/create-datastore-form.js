import { api } from './api.js';
import { html } from './html.js';
import { Problem, useApiCall } from './use-api-call.js';

/** A datastore (a directory under the data directory); admin only. */
export function CreateDatastoreForm() {
  const { problem, call } = useApiCall();
  const submit = async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    if (await call(() => api.post('/datastores', { name: fields.get('name'), capacityGiB: Number(fields.get('capacityGiB')) }))) form.reset();
  };
  return html`
    <form onSubmit=${submit} data-testid="create-datastore-form" class="inline-form">
      <label>Datastore name <input name="name" required /></label>
      <label>Capacity (GiB) <input name="capacityGiB" type="number" min="1" value="10" required /></label>
      <div class="buttons"><button type="submit" class="secondary">Create datastore</button></div>
      <${Problem} problem=${problem} />
    </form>`;
}
