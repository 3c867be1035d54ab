import { html } from './html.js';
import { formatMs } from './format.js';
import { timelineScale } from './timeline-scale.js';

const WIDTH = 900;
const LABEL = 56;
const TOP = 54;
const ROW = 20;
const STUN_PHASES = ['suspend', 'device-state-transfer', 'pframe-transfer', 'resume'];

const at = (iso) => (iso ? Date.parse(iso) : null);

/**
 * One row per queue partition: when each segment copied, relative to the suspend, with the stun
 * phases above and vertical lines for the predicted stun, the measured stun and the SLA.
 */
export function SegmentTimeline({ operation: op }) {
  const partitions = [...new Set(op.segments.map((segment) => segment.partition))].sort((a, b) => a - b);
  const suspend = op.phases.find((phase) => phase.name === 'suspend');
  const copied = op.segments.filter((segment) => segment.startedAt && segment.endedAt);
  const origin = at(suspend?.startedAt) ?? Math.min(...copied.map((segment) => at(segment.startedAt)));
  if (!Number.isFinite(origin)) return html`<p class="muted" data-testid="timeline-waiting">The timeline is drawn when the stun starts.</p>`;

  const phases = op.phases.filter((phase) => STUN_PHASES.includes(phase.name));
  const ends = [...copied.map((segment) => at(segment.endedAt)), ...phases.map((phase) => at(phase.endedAt) ?? Date.now())].map((t) => t - origin);
  const scale = timelineScale({ ends, predictedMs: op.predictedStunMs, measuredMs: op.stunMs, slaMs: op.slaMs, width: WIDTH - LABEL - 16 });
  const x = (ms) => LABEL + scale.x(ms);
  const rowsEnd = TOP + partitions.length * ROW;
  const height = rowsEnd + 34;
  const marker = (ms, cls, text, labelY) => {
    if (ms === null || ms === undefined) return null;
    const position = x(Math.min(ms, scale.domainMs));
    const nearRightEdge = position > WIDTH - 160;
    return html`
      <g class=${`marker ${cls}`}>
        <line x1=${position} x2=${position} y1=${TOP - 6} y2=${rowsEnd + 4} />
        <text x=${nearRightEdge ? position - 4 : position + 4} y=${labelY} class="label" text-anchor=${nearRightEdge ? 'end' : 'start'}>
          ${text} ${formatMs(ms)}${ms > scale.domainMs ? ' (off the axis) →' : ''}
        </text>
      </g>`;
  };

  return html`
    <svg class="timeline" viewBox=${`0 0 ${WIDTH} ${height}`} data-testid="segment-timeline" role="img" aria-label="Segments per partition during the stun">
      ${phases.map((phase) => {
        const start = at(phase.startedAt) - origin;
        const end = (at(phase.endedAt) ?? Date.now()) - origin;
        return html`<g key=${phase.name} class=${`phase-band ${phase.name}`}>
          <rect x=${x(start)} y="4" width=${Math.max(1, x(end) - x(start))} height="14"><title>${phase.name} ${formatMs(end - start)}</title></rect>
        </g>`;
      })}
      <text x="0" y="15" class="label">stun</text>
      ${partitions.map((partition, row) => html`
        <g key=${partition}>
          <text x="0" y=${TOP + row * ROW + 13} class="label">p${String(partition).padStart(2, '0')}</text>
          <line x1=${LABEL} x2=${WIDTH - 8} y1=${TOP + row * ROW + ROW - 1} y2=${TOP + row * ROW + ROW - 1} class="grid" />
        </g>`)}
      ${op.segments.filter((segment) => segment.startedAt && segment.endedAt).map((segment) => {
        const start = at(segment.startedAt) - origin;
        const end = at(segment.endedAt) - origin;
        const row = partitions.indexOf(segment.partition);
        return html`<rect key=${segment.index} class="segment" data-partition=${segment.partition}
          x=${x(start)} y=${TOP + row * ROW + 3} width=${Math.max(4, x(end) - x(start))} height=${ROW - 7}>
          <title>segment ${segment.index}: ${segment.ppnCount.toLocaleString()} PFrames in ${formatMs(end - start)} · CRC ${segment.checksum}</title>
        </rect>`;
      })}
      ${scale.ticks.map((tick) => html`<text key=${tick} x=${x(tick)} y=${TOP - 10} class="label muted" text-anchor="middle">${`${Number(tick.toPrecision(3))} ms`}</text>`)}
      ${marker(op.predictedStunMs, 'predicted', 'predicted', rowsEnd + 16)}
      ${marker(op.stunMs, 'measured', 'measured', rowsEnd + 30)}
      ${marker(op.slaMs, 'sla', 'SLA', TOP - 24)}
    </svg>`;
}
