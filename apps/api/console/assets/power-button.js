import { useState } from '../vendor/hooks.mjs';
import { api } from './api.js';
import { html } from './html.js';
import { Problem, useApiCall } from './use-api-call.js';

/** Powers the VM on or off, then has the page read the VM again. */
export function PowerButton({ vm, onDone }) {
  const { problem, call } = useApiCall();
  const [busy, setBusy] = useState(false);
  const action = vm.powerState === 'poweredOn' ? 'off' : 'on';
  const click = async () => {
    setBusy(true);
    const powered = await call(() => api.post(`/vms/${encodeURIComponent(vm.id)}/power`, { action }));
    setBusy(false);
    if (powered) onDone();
  };
  return html`
    <span>
      <button type="button" class="secondary" disabled=${busy} onClick=${click} data-testid="power-button">Power ${action}</button>
      <${Problem} problem=${problem} inline />
    </span>`;
}
