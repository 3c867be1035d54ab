import { html } from './html.js';
import { formatMs, shortId } from './format.js';
import { logAxis } from './log-axis.js';

const ROW = 22;
const LABEL = 150;
const WIDTH = 560;

/** Measured (or predicted, while running) stun of recent switch-overs on a log axis; the SLA a marker when it falls on it. */
export function OperationsChart({ operations }) {
  if (operations.length === 0) return html`<p class="muted">No switch-overs yet.</p>`;
  const axis = logAxis(operations.map((op) => op.stunMs ?? op.predictedStunMs ?? 0));
  const x = (ms) => LABEL + (WIDTH - LABEL - 10) * axis.at(ms);
  const slas = [...new Set(operations.map((op) => op.slaMs))];
  return html`
    <svg class="chart" data-testid="operations-chart" width=${WIDTH} viewBox=${`0 0 ${WIDTH} ${operations.length * ROW + 20}`} role="img" aria-label="Stun per operation">
      ${operations.map((op, row) => {
        const y = row * ROW + 4;
        const stun = op.stunMs ?? op.predictedStunMs ?? 0;
        return html`
          <a key=${op.id} href=${`#/operations/${op.id}`}>
            <text x="0" y=${y + 13} class="label">${op.kind} ${shortId(op.id)}</text>
            <rect x=${LABEL} y=${y} width=${Math.max(1, x(stun) - LABEL)} height=${ROW - 8}
              class=${op.stunMs === null ? 'bar predicted' : op.slaBreached ? 'bar breached' : `bar ${op.state}`}>
              <title>${op.state} · stun ${formatMs(op.stunMs)} (predicted ${formatMs(op.predictedStunMs)}, SLA ${op.slaMs} ms)</title>
            </rect>
            <text x=${x(stun) + 4} y=${y + 12} class="label muted">${formatMs(stun)}${op.stunMs === null ? ' predicted' : ''}</text>
            ${op.slaMs <= axis.high ? html`<line x1=${x(op.slaMs)} x2=${x(op.slaMs)} y1=${y - 2} y2=${y + ROW - 6} class="sla" />` : null}
          </a>`;
      })}
      <text x=${LABEL} y=${operations.length * ROW + 16} class="label muted">${formatMs(axis.low)}</text>
      <text x=${WIDTH - 10} y=${operations.length * ROW + 16} class="label muted" text-anchor="end">${formatMs(axis.high)} (log) · SLA ${slas.map((sla) => `${sla} ms`).join(', ')}${slas.some((sla) => sla > axis.high) ? ', off the scale' : ': red line'}</text>
    </svg>`;
}
