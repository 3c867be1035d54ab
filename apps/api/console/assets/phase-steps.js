import { html } from './html.js';
import { formatMs } from './format.js';

const PHASES = ['prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup'];
const STUNNED = new Set(['suspend', 'device-state-transfer', 'pframe-transfer', 'resume']);

/** The six FSR phases as steps: done with their duration, the current one highlighted. */
export function PhaseSteps({ phases, current }) {
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  return html`
    <ol class="phases" data-testid="phases">
      ${PHASES.map((name) => {
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
