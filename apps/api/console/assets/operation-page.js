import { api } from './api.js';
import { html } from './html.js';
import { RelocationCard } from './relocation-card.js';
import { formatMs, TERMINAL_STATES } from './format.js';
import { PhaseSteps } from './phase-steps.js';
import { ProgressBar } from './progress-bar.js';
import { SegmentTimeline } from './segment-timeline.js';
import { useLiveData } from './use-live-data.js';

/** One operation, redrawn as its events arrive on the stream. */
export function OperationPage({ operationId }) {
  const { data: op, error } = useLiveData(
    () => api.get(`/operations/${encodeURIComponent(operationId)}`),
    (event) => event.data?.operationId === operationId,
    [operationId],
  );
  if (!op) return error ? html`<p class="error">${error.message}</p>` : html`<p class="muted">Loading…</p>`;
  const ended = TERMINAL_STATES.includes(op.state);
  const cold = op.relocation?.cold === true;
  return html`
    <p><a href=${`#/vms/${encodeURIComponent(op.vmId)}`}>← VM</a></p>
    <h2>${op.kind} <span class="muted small">${op.id}</span></h2>
    <p data-testid="operation-summary">
      <span class=${`badge state-${op.state}`} data-testid="operation-state">${op.state}</span>
      ${op.phase && !ended ? html` phase <strong>${op.phase}</strong>` : null}
      ${[
        cold ? 'cold copy' : `${op.mode} mode`,
        ...(cold ? [] : [`${op.segments.length} segments`]),
        `host ${op.hostId}`,
        op.relocation
          ? `datastore ${op.relocation.sourceDatastoreId} → ${op.relocation.targetDatastoreId}`
          : `${op.source.vcpus}→${op.target.vcpus} vCPUs, ${op.source.memoryMiB}→${op.target.memoryMiB} MiB`,
      ].map((part) => ` · ${part}`).join('')}
    </p>
    ${op.error ? html`<p class="error" role="alert">${op.error.code}: ${op.error.message}</p>` : null}
    <${ProgressBar} progress=${op.progress} state=${op.state} />
    <${PhaseSteps} phases=${op.phases} current=${ended ? null : op.phase} kind=${op.kind} ended=${ended} cold=${cold} />
    ${op.relocation ? html`<${RelocationCard} operation=${op} />` : null}
    ${cold
      ? null
      : html`<section class="card">
          <h3>Segments per partition during the stun</h3>
          <p class="muted small">Predicted ${formatMs(op.predictedStunMs)} · measured <strong data-testid="measured-stun">${formatMs(op.stunMs)}</strong> · SLA ${op.slaMs} ms
            ${op.slaBreached ? html` · <strong class="error">SLA breached</strong>` : null}</p>
          <${SegmentTimeline} operation=${op} />
        </section>`}`;
}
