import { html } from './html.js';
import { formatMs } from './format.js';
import { ConfigurationWarnings } from './vm-configuration.js';

const DISRUPTION = {
  none: 'No change: nothing to do',
  'config-only': 'Configuration only: the VM is powered off, no switch-over',
  fsr: 'Fast Suspend and Resume: the VM is stunned briefly',
};

/** What a dry run answered: the disruption class, the predicted stun against the SLA, and what the change would cost the VM. */
const PREDICTION_BASIS = {
  learned: (samples) => `learned from ${samples} switch-over${samples === 1 ? '' : 's'} of this host alike`,
  measured: () => 'from the copy rate the host measured at start-up',
  'published-default': () => 'from the published default rate',
};

export function PreviewCard({ preview }) {
  const stun = preview.predictedStunMs ?? 0;
  const sla = preview.slaMs ?? 0;
  const scale = Math.max(stun, sla, 1);
  return html`
    <div class="preview" data-testid="dry-run-preview">
      <p><span class=${`badge disruption-${preview.disruption}`} data-testid="disruption">${preview.disruption}</span> ${DISRUPTION[preview.disruption] ?? ''}</p>
      <p>Predicted stun <strong data-testid="predicted-stun">${formatMs(stun)}</strong>
        ${preview.segments !== undefined ? html` · ${preview.segments} segments` : null}
        ${preview.mode ? html` · ${preview.mode}` : null}
        ${preview.totalBytes !== undefined ? html` · ${(preview.totalBytes / 2 ** 20).toFixed(1)} MiB of disks to copy` : null}
        ${preview.predictionBasis ? html` · <span data-testid="prediction-basis">${PREDICTION_BASIS[preview.predictionBasis](preview.predictionSamples)}</span>` : null}</p>
      ${sla ? html`
        <svg class="chart" width="400" viewBox="0 0 400 28" role="img" aria-label="Predicted stun against the SLA">
          <rect x="0" y="6" width=${Math.max(1, (390 * stun) / scale)} height="14" class=${preview.wouldExceedSla ? 'bar breached' : 'bar predicted'} />
          <line x1=${(390 * sla) / scale} x2=${(390 * sla) / scale} y1="0" y2="28" class="sla" />
        </svg>
        <p class="muted small">SLA ${sla} ms${preview.wouldExceedSla ? html` · <strong class="error">would exceed it</strong>` : ''}</p>` : null}
      <${ConfigurationWarnings} warnings=${preview.warnings} testId="preview-warnings" />
    </div>`;
}
