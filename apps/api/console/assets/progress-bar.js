import { html } from './html.js';

const amount = (value, unit) => (unit === 'bytes' ? `${(value / 2 ** 20).toFixed(1)} MiB` : `${value.toLocaleString()} ${unit}`);

/** `state`: the operation's; the fill is green only while it runs or once it succeeded. */
export function ProgressBar({ progress, state }) {
  const share = progress.total > 0 ? progress.done / progress.total : 0;
  return html`
    <div class=${`progress progress-${state ?? 'running'}`} data-testid="progress" role="progressbar" aria-valuemin="0" aria-valuemax=${progress.total} aria-valuenow=${progress.done}>
      <div class="progress-fill" style=${{ width: `${(share * 100).toFixed(1)}%` }}></div>
      <span>${Math.round(share * 100)}% · ${amount(progress.done, progress.unit)} / ${amount(progress.total, progress.unit)}</span>
    </div>`;
}
