import { html } from './html.js';
import { CopyRateChart } from './copy-rate-chart.js';
import { formatMs } from './format.js';

const mibps = (bytesPerSecond) => (bytesPerSecond === null || bytesPerSecond === undefined ? 'n/a' : `${(bytesPerSecond / 2 ** 20).toFixed(1)} MiB/s`);

/** A relocation's copy as the agent reported it: rate, guest writes mirrored meanwhile, time, and the disks' content hashes. */
export function RelocationCard({ operation }) {
  const { relocation } = operation;
  return html`
    <section class="card" data-testid="relocation-card">
      <h3>Disk copy</h3>
      <p class="small">${relocation.cold ? 'cold copy (powered off)' : 'live copy with mirrored guest writes'}
        · rate <strong data-testid="copy-rate">${mibps(relocation.bytesPerSecond)}</strong>
        ${relocation.maxCopyMiBps ? ` (limit ${relocation.maxCopyMiBps} MiB/s)` : ''}
        · mirrored writes <strong data-testid="mirrored-writes">${relocation.mirroredWrites ?? 'n/a'}</strong>
        · copy time ${relocation.copyDurationMs === null ? 'n/a' : formatMs(relocation.copyDurationMs)}</p>
      <${CopyRateChart} operation=${operation} />
      ${relocation.disks
        ? html`<table class="small" data-testid="disk-hashes"><thead><tr><th>disk</th><th>content hash at the switch-over</th></tr></thead>
            <tbody>${relocation.disks.map((disk) => html`<tr key=${disk.diskId}><td><code>${disk.diskId.slice(0, 8)}</code></td><td><code>${disk.blake3 ? `BLAKE3 ${disk.blake3}` : `SHA-256 ${disk.sha256}`}</code></td></tr>`)}</tbody></table>`
        : html`<p class="muted small">${relocation.cold ? 'A cold copy records no content hashes.' : 'Content hashes are recorded at the switch-over.'}</p>`}
    </section>`;
}
