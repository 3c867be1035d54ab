import { html } from './html.js';
import { formatMiB } from './format.js';
import { hostMemorySegments } from './host-memory-segments.js';

const ROW = 26;
const LABEL = 110;
const WIDTH = 560;
const VALUE = 130;

/** Each host's memory, one bar per host split by VM: who uses a host, and how much room is left. */
export function HostMemoryChart({ hosts, vms }) {
  if (hosts.length === 0) return null;
  const bar = WIDTH - LABEL - VALUE;
  return html`
    <svg class="chart" data-testid="host-memory-chart" width=${WIDTH} viewBox=${`0 0 ${WIDTH} ${hosts.length * ROW + 4}`} role="img" aria-label="Memory by host">
      ${hosts.map((host, row) => {
        const y = row * ROW + 4;
        const total = Math.max(host.capacity.memoryMiB, host.used.memoryMiB, 1);
        let offset = LABEL;
        return html`
          <g key=${host.id} data-testid="host-memory-row" data-host=${host.id}>
            <text x="0" y=${y + 14} class="label">${host.name}</text>
            ${hostMemorySegments(host, vms).map((segment) => {
              const width = (bar * segment.mib) / total;
              const rect = html`<rect key=${segment.vmId ?? segment.kind} x=${offset} y=${y} width=${Math.max(0.5, width - 1)} height=${ROW - 8}
                class=${`mem ${segment.kind}`} data-vm=${segment.vmId}><title>${segment.label}: ${formatMiB(segment.mib)}</title></rect>`;
              offset += width;
              return rect;
            })}
            <text x=${WIDTH} y=${y + 14} class="label muted" text-anchor="end">${formatMiB(host.used.memoryMiB)} / ${formatMiB(host.capacity.memoryMiB)}</text>
          </g>`;
      })}
    </svg>`;
}
