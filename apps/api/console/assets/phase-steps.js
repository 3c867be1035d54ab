import { html } from './html.js';
import { formatMs } from './format.js';

const PHASES = ['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup'];
const STUNNED = new Set(['suspend', 'device-state-transfer', 'pframe-transfer', 'resume']);

/**
 * The FSR phases as steps (a relocation's disk copy first; a cold one has nothing else): done with their
 * duration, the current one highlighted while the operation runs, one an ended operation left unfinished cut off.
 */
export function PhaseSteps({ phases, current, kind, ended = false, cold = false }) {
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const names = cold ? ['disk-copy'] : PHASES.filter((name) => name !== 'disk-copy' || kind === 'relocate' || byName.has(name));
  return html`
    <ol class="phases" data-testid="phases">
      ${names.map((name) => {
        const phase = byName.get(name);
        const state = phase?.endedAt ? 'done' : ended ? (phase ? 'cut-off' : 'todo') : name === current || phase ? 'current' : 'todo';
        const took = phase?.endedAt ? (phase.durationMs ?? Date.parse(phase.endedAt) - Date.parse(phase.startedAt)) : null;
        return html`
          <li key=${name} class=${`phase ${state} ${STUNNED.has(name) ? 'stunned' : ''}`} data-phase=${name} data-state=${state}>
            <span class="phase-name">${name}</span>
            <span class="small">${took === null ? ({ current: 'running', 'cut-off': 'cut off' }[state] ?? '') : formatMs(took)}</span>
          </li>`;
      })}
    </ol>`;
}
