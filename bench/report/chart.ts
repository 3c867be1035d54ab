import type { StunCell } from '../measure/stun-matrix';

// Hand-written SVG: stun (log) against VM memory (log), one line per mode and vCPU count, with vSphere 7's points.
const WIDTH = 760;
const HEIGHT = 420;
const PLOT = { left: 70, right: 210, top: 30, bottom: 50 };
const VSPHERE = [
  { label: 'vSphere 6.7, 1 vCPU: 7.7 s', memoryGiB: 1024, stunMs: 7700, color: '#c0392b' },
  { label: 'vSphere 7, 48 vCPUs: 0.5 s', memoryGiB: 1024, stunMs: 500, color: '#2471a3' },
];
const SERIES = [
  { mode: 'legacy', vcpus: 8, color: '#e67e22', dash: '6 3' },
  { mode: 'legacy', vcpus: 48, color: '#c0392b', dash: '' },
  { mode: 'distributed', vcpus: 8, color: '#5dade2', dash: '6 3' },
  { mode: 'distributed', vcpus: 48, color: '#2471a3', dash: '' },
] as const;

const decades = (from: number, to: number) => {
  const ticks: number[] = [];
  for (let v = 10 ** Math.floor(Math.log10(from)); v <= to * 1.0001; v *= 10) ticks.push(v);
  return ticks;
};

export function stunChartSvg(cells: readonly StunCell[]): string {
  const memories = [4, 64, 256, 1024];
  const values = [...cells.map((c) => c.stunMs.median), ...VSPHERE.map((p) => p.stunMs)].filter((v) => v > 0);
  const yTicks = decades(Math.min(1, ...values), Math.max(...values) * 10);
  const [yMin, yMax] = [yTicks[0], yTicks.at(-1)!];
  // log2(4 GiB) = 2 to log2(1 TiB) = 10, with half a step of room on either side.
  const x = (gib: number) => PLOT.left + ((Math.log2(gib) - 1.5) / 9) * (WIDTH - PLOT.left - PLOT.right);
  const y = (ms: number) => HEIGHT - PLOT.bottom - ((Math.log10(ms) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (HEIGHT - PLOT.top - PLOT.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${PLOT.left}" y="18" font-size="14" font-weight="bold">Stun time against VM memory (median, log scales)</text>`,
  ];
  for (const tick of yTicks) {
    parts.push(`<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${y(tick) + 4}" text-anchor="end">${tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}</text>`);
  }
  for (const gib of memories) {
    parts.push(`<line x1="${x(gib)}" x2="${x(gib)}" y1="${PLOT.top}" y2="${HEIGHT - PLOT.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(gib)}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle">${gib >= 1024 ? `${gib / 1024} TiB` : `${gib} GiB`}</text>`);
  }
  parts.push(`<text x="${(PLOT.left + WIDTH - PLOT.right) / 2}" y="${HEIGHT - 10}" text-anchor="middle">VM memory</text>`);
  SERIES.forEach((series, i) => {
    const points = cells.filter((c) => c.mode === series.mode && c.vcpus === series.vcpus).sort((a, b) => a.memoryGiB - b.memoryGiB);
    const path = points.map((c) => `${x(c.memoryGiB).toFixed(1)},${y(c.stunMs.median).toFixed(1)}`).join(' ');
    if (points.length > 1) parts.push(`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`);
    for (const c of points) {
      parts.push(`<line x1="${x(c.memoryGiB)}" x2="${x(c.memoryGiB)}" y1="${y(c.stunMs.min)}" y2="${y(c.stunMs.max)}" stroke="${series.color}"/>`);
      parts.push(`<circle cx="${x(c.memoryGiB)}" cy="${y(c.stunMs.median)}" r="3" fill="${series.color}"/>`);
    }
    const ly = PLOT.top + 10 + i * 20;
    parts.push(`<line x1="${WIDTH - PLOT.right + 12}" x2="${WIDTH - PLOT.right + 36}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`);
    parts.push(`<text x="${WIDTH - PLOT.right + 42}" y="${ly + 4}">${series.mode}, ${series.vcpus} vCPUs</text>`);
  });
  VSPHERE.forEach((point, i) => {
    const [cx, cy] = [x(point.memoryGiB), y(point.stunMs)];
    parts.push(`<path d="M${cx - 6},${cy - 6} L${cx + 6},${cy + 6} M${cx - 6},${cy + 6} L${cx + 6},${cy - 6}" stroke="${point.color}" stroke-width="2"/>`);
    const ly = PLOT.top + 100 + i * 20;
    parts.push(`<path d="M${WIDTH - PLOT.right + 18},${ly - 5} l10,10 m-10,0 l10,-10" stroke="${point.color}" stroke-width="2"/>`);
    parts.push(`<text x="${WIDTH - PLOT.right + 42}" y="${ly + 4}" font-size="11">${point.label}</text>`);
  });
  parts.push(`<text x="${WIDTH - PLOT.right + 12}" y="${PLOT.top + 160}" font-size="11" fill="#555">bars: min to max</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
