import { html } from './html.js';

/** A horizontal bar: `used` of `total`, labelled. */
export function UsageBar({ label, used, total, text, tone = 'blue' }) {
  const share = total > 0 ? Math.min(1, used / total) : 0;
  return html`
    <div class="usage">
      <div class="usage-label"><span>${label}</span><span>${text ?? `${used} / ${total}`}</span></div>
      <div class="usage-track"><div class=${`usage-fill tone-${tone}`} style=${{ width: `${(share * 100).toFixed(1)}%` }}></div></div>
    </div>`;
}
