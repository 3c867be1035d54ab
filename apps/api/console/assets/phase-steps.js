import { html } from './html.js';
import { formatMs } from './format.js';

const PHASES = ['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup'];
const STUNNED = new Set(['suspend', 'device-state-transfer', 'pframe-transfer', 'resume']);

/** The FSR phases as steps (a relocation's disk copy first): done with their duration, the current one highlighted. */
export function PhaseSteps({ phases, current, kind }) {
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const names = PHASES.filter((name) => name !== 'disk-copy' || kind === 'relocate' || byName.has(name));
  return html`
    <ol class="phases" data-testid="phases">
      ${names.map((name) => {
        const phase = byName.get(name);
        const state = phase?.endedAt ? 'done' : name === current || (phase && !phase.endedAt) ? 'current' : 'todo';
        const took = phase?.endedAt ? Date.parse(phase.endedAt) - Date.parse(phase.startedAt) : null;
        return html`
          <li key=${name} class=${`phase ${state} ${STUNNED.has(name) ? 'stunned' : ''}`} data-phase=${name} data-state=${state}>
            <span class="phase-name">${name}</span>
            <span class="small">${took === null ? (state === 'current' ? 'running' : '') : formatMs(took)}</span>
          </li>`;
      })}
    </ol>`;
}
