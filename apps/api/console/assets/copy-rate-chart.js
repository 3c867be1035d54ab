import { api } from './api.js';
import { html } from './html.js';
import { copyRateSeries, rateScale } from './copy-rate-series.js';
import { useLiveData } from './use-live-data.js';

const COPY_EVENTS = ['operation.disk-copy-progressed', 'operation.disks-copied'];
const WIDTH = 560;
const HEIGHT = 150;
const LEFT = 56;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 22;

/** The disk copy's rate over time as the agent reported it, its limit a dashed line; redrawn as progress arrives. */
export function CopyRateChart({ operation }) {
  const { data } = useLiveData(
    () => api.get(`/vms/${encodeURIComponent(operation.vmId)}/history?operationId=${encodeURIComponent(operation.id)}&type=${COPY_EVENTS.join(',')}&limit=500`),
    (event) => event.data?.operationId === operation.id && COPY_EVENTS.includes(event.type),
    [operation.id],
  );
  const series = copyRateSeries(data?.items ?? []);
  if (series.points.length < 2) return html`<p class="muted small" data-testid="copy-rate-chart-empty">The rate is drawn once the agent has reported the copy twice (about a second apart).</p>`;
  const limit = operation.relocation.maxCopyMiBps ?? null;
  const scale = rateScale(series.points.map((point) => point.mibps), limit);
  const x = (seconds) => LEFT + (WIDTH - LEFT - RIGHT) * (series.seconds > 0 ? seconds / series.seconds : 0);
  const y = (mibps) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - scale.at(mibps));
  const line = series.points.map((point) => `${x(point.seconds).toFixed(1)},${y(point.mibps).toFixed(1)}`).join(' ');
  return html`
    <svg class="chart" data-testid="copy-rate-chart" width=${WIDTH} viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Copy rate over time">
      <line x1=${LEFT} x2=${LEFT} y1=${TOP} y2=${HEIGHT - BOTTOM} class="axis" />
      <line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${HEIGHT - BOTTOM} y2=${HEIGHT - BOTTOM} class="axis" />
      ${limit === null ? null : html`<line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(limit)} y2=${y(limit)} class="limit" /><text x=${WIDTH - RIGHT} y=${y(limit) - 3} class="label muted" text-anchor="end">limit ${limit} MiB/s</text>`}
      <polyline points=${line} class="rate" data-points=${series.points.length} />
      ${series.points.map((point) => html`<circle key=${point.seconds} cx=${x(point.seconds)} cy=${y(point.mibps)} r="2.5" class="rate"><title>${point.seconds.toFixed(1)} s: ${point.mibps.toFixed(1)} MiB/s, ${point.percent.toFixed(0)} % copied</title></circle>`)}
      <text x=${LEFT - 4} y=${TOP + 8} class="label muted" text-anchor="end">${scale.top.toFixed(0)} MiB/s</text>
      <text x=${LEFT - 4} y=${HEIGHT - BOTTOM} class="label muted" text-anchor="end">0</text>
      <text x=${LEFT} y=${HEIGHT - 6} class="label muted">0 s</text>
      <text x=${WIDTH - RIGHT} y=${HEIGHT - 6} class="label muted" text-anchor="end">${series.seconds.toFixed(1)} s${series.averageMiBps === null ? ' · copying' : ` · average ${series.averageMiBps.toFixed(1)} MiB/s`}</text>
    </svg>`;
}
