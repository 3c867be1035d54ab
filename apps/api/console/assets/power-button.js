import { useState } from '../vendor/hooks.mjs';
import { api } from './api.js';
import { html } from './html.js';

/** Powers the VM on or off, then has the page read the VM again. */
export function PowerButton({ vm, onDone }) {
  const [problem, setProblem] = useState();
  const [busy, setBusy] = useState(false);
  const action = vm.powerState === 'poweredOn' ? 'off' : 'on';
  const click = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/vms/${encodeURIComponent(vm.id)}/power`, { action });
      onDone();
    } catch (error) {
      setProblem(`${error.code}: ${error.message}`);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <span>
      <button type="button" class="secondary" disabled=${busy} onClick=${click} data-testid="power-button">Power ${action}</button>
      ${problem ? html` <span class="error" role="alert">${problem}</span>` : null}
    </span>`;
}
