import type { ScaleFigures, ScaleStep } from '../measure/scale';

/** The budgets each resource is drawn against: one core, Redis' default maxclients, this machine's memory. */
export const SCALE_LIMITS = { controlPlaneCpu: 100, redisClients: 10_000, memoryMiB: 24 * 1024 } as const;

interface Resource {
  readonly name: string;
  readonly color: string;
  /** Share of its budget used at this step, %. */
  readonly used: (step: ScaleStep) => number;
}

const RESOURCES: readonly Resource[] = [
  { name: 'control plane CPU idle (% of one core)', color: '#c0392b', used: (s) => (100 * s.idle.controlPlaneCpu) / SCALE_LIMITS.controlPlaneCpu },
  { name: 'control plane CPU under load (% of one core)', color: '#e67e22', used: (s) => (100 * s.underLoad.controlPlaneCpu) / SCALE_LIMITS.controlPlaneCpu },
  { name: `Redis clients (% of maxclients ${SCALE_LIMITS.redisClients})`, color: '#2471a3', used: (s) => (100 * s.redis.clients) / SCALE_LIMITS.redisClients },
  { name: 'memory, control plane + agents (% of 24 GiB)', color: '#27ae60', used: (s) => (100 * (s.idle.controlPlaneRssMiB + s.idle.agentsRssMiB)) / SCALE_LIMITS.memoryMiB },
];

const hostSteps = (figures: ScaleFigures) => figures.steps.filter((step, index, all) => all.findIndex((other) => other.hosts === step.hosts) === index);

/**
 * Which budget runs out first as hosts are added, by a straight line through the first and the last host
 * step (an extrapolation, said as one).
 */
export function firstToRunOut(figures: ScaleFigures): string {
  const steps = hostSteps(figures);
  if (steps.length < 2) return 'Too few cluster sizes measured to extrapolate.';
  const [first, last] = [steps[0], steps[steps.length - 1]];
  const limits = RESOURCES.map((resource) => {
    const slope = (resource.used(last) - resource.used(first)) / (last.hosts - first.hosts);
    const hosts = slope > 0 ? Math.round(last.hosts + (100 - resource.used(last)) / slope) : Number.POSITIVE_INFINITY;
    return { resource, hosts };
  }).sort((a, b) => a.hosts - b.hosts);
  const [runsOut, next] = limits;
  if (!Number.isFinite(runsOut.hosts)) return 'No measured resource grew with the host count.';
  return `Extrapolated linearly from ${first.hosts} to ${last.hosts} hosts, the first budget to run out is **${runsOut.resource.name}**, at about **${runsOut.hosts} hosts**${Number.isFinite(next.hosts) ? `; next ${next.resource.name} at about ${next.hosts}` : ''}.`;
}

export function scaleChartSvg(figures: ScaleFigures): string {
  const steps = hostSteps(figures);
  const [width, height] = [760, 360];
  const plot = { left: 60, right: 300, top: 30, bottom: 45 };
  const maxHosts = Math.max(...steps.map((s) => s.hosts));
  const maxUsed = Math.max(10, ...steps.flatMap((s) => RESOURCES.map((r) => r.used(s))));
  const yMax = Math.ceil(maxUsed / 10) * 10;
  const x = (hosts: number) => plot.left + (hosts / maxHosts) * (width - plot.left - plot.right);
  const y = (percent: number) => height - plot.bottom - (percent / yMax) * (height - plot.top - plot.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${plot.left}" y="18" font-size="14" font-weight="bold">Share of each budget used, against hosts</text>`,
  ];
  for (let tick = 0; tick <= yMax; tick += yMax / 5) {
    parts.push(`<line x1="${plot.left}" x2="${width - plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`, `<text x="${plot.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick} %</text>`);
  }
  for (const step of steps) parts.push(`<text x="${x(step.hosts)}" y="${height - plot.bottom + 18}" text-anchor="middle">${step.hosts}</text>`);
  parts.push(`<text x="${(plot.left + width - plot.right) / 2}" y="${height - 8}" text-anchor="middle">hosts</text>`);
  RESOURCES.forEach((resource, index) => {
    const points = steps.map((step) => `${x(step.hosts).toFixed(1)},${y(resource.used(step)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${resource.color}" stroke-width="2"/>`);
    for (const step of steps) parts.push(`<circle cx="${x(step.hosts).toFixed(1)}" cy="${y(resource.used(step)).toFixed(1)}" r="3" fill="${resource.color}"/>`);
    const legendY = plot.top + 10 + index * 20;
    parts.push(`<line x1="${width - plot.right + 15}" x2="${width - plot.right + 35}" y1="${legendY}" y2="${legendY}" stroke="${resource.color}" stroke-width="2"/>`, `<text x="${width - plot.right + 40}" y="${legendY + 4}">${resource.name}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** `/vms/<uuid>` as `/vms/{id}`. */
const shortPath = (path: string) => path.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}$/, '/{id}');

const cell = (value: number, unit = '') => (Number.isFinite(value) ? `${value}${unit}` : 'n/a');

/** docs/benchmarks-scale.md: one column per step, the chart, and what runs out first. */
export function scaleMarkdown(figures: ScaleFigures, jsonPath: string): string {
  const steps = figures.steps;
  const head = ['', ...steps.map((s, i) => (i > 0 && s.hosts === steps[i - 1].hosts ? `${s.hosts} hosts, ${s.vms} VMs, ${s.operations} operations` : `${s.hosts} hosts`))];
  const row = (name: string, value: (s: ScaleStep) => string) => `| ${name} | ${steps.map(value).join(' | ')} |`;
  const worstGet = (s: ScaleStep) => Math.max(...s.gets.map((g) => g.p99Ms));
  return `# Scale benchmark

Generated by \`npm run bench -- --only scale\` on ${figures.measuredAt.slice(0, 16).replace('T', ' ')} UTC; raw figures in
[\`${jsonPath}\`](../${jsonPath}). Each step starts \`npm run cluster -- --hosts N\` as a user would (up to ten hosts a process each,
more ten agent processes in all), on PostgreSQL and the machine's Redis, one powered-on VM per host; then: *idle* over
15 s; a burst of one hot add per host at once; 20 s of steady hot adds (one after another on every VM); the read models
against a rebuild from the log; then, 15 s later, each GET at a steady 500 req/s for 8 s, after 2 s of warm-up (loadtest: a request
started every 2 ms whatever the answers do, each timed from its start): the hot GETs (one VM, one operation, one host),
then pages of 50 VMs and of 50 operations. The last column is the largest cluster once its inventory has grown to about
5,000 VMs (powered off, created through the API) and its log to 50,000 operations: the operations beyond those run here
are copies of the event streams of real ones under new ids (SQL), which the running control plane then projects.

${head.map((h) => h || ' ').join(' | ').replace(/^/, '| ').concat(' |')}
| --- | ${steps.map(() => '---').join(' | ')} |
${row('VMs / operations / event rows', (s) => `${s.vms} / ${s.operations} / ${s.eventRows}`)}
${row('agent processes', (s) => String(s.agentProcesses))}
${row('control plane CPU idle, % of a core', (s) => cell(s.idle.controlPlaneCpu))}
${row('control plane RSS idle, MiB', (s) => cell(s.idle.controlPlaneRssMiB))}
${row('agents CPU idle, % of a core (all)', (s) => cell(s.idle.agentsCpu))}
${row('agents RSS, MiB (all)', (s) => cell(s.idle.agentsRssMiB))}
${row('Redis clients / used memory MiB', (s) => `${s.redis.clients} / ${s.redis.memoryMiB}`)}
${row('burst: hot adds succeeded / asked (s)', (s) => `${s.burst.succeeded} / ${s.burst.requested} (${s.burst.seconds})`)}
${row('hot add API answer p50 / p99, ms', (s) => `${cell(s.hotAddAnswer.p50)} / ${cell(s.hotAddAnswer.p99)}`)}
${row('hot adds per second sustained', (s) => cell(s.underLoad.hotAddsPerSecond))}
${row('control plane CPU under load, % of a core', (s) => cell(s.underLoad.controlPlaneCpu))}
${row('stun p99, ms', (s) => cell(s.stunP99Ms))}
${row('hot GETs at 500 req/s: worst p99, ms', (s) => cell(worstGet(s)))}
${row('hot GETs p50 / p99 / max, ms', (s) => s.gets.map((g) => `\`${shortPath(g.path)}\` ${g.p50Ms}/${g.p99Ms}/${g.maxMs}`).join('<br>'))}
${row('pages of 50 at 500 req/s: req/s, p50 / p99, ms', (s) => s.lists.map((g) => `\`${g.path}\` ${g.requestsPerSecond}/s, ${g.p50Ms}/${g.p99Ms}`).join('<br>'))}
${row('operations copied into the log (events), projected in', (s) => (s.history ? `${s.history.copiedOperations} (${s.history.eventRows}), ${s.history.catchUpSeconds} s` : '-'))}
${row('read models equal a rebuild', (s) => (s.projectionsEqualRebuild === null ? 'not compared' : s.projectionsEqualRebuild ? 'yes' : '**no**'))}

![Share of each budget used against hosts](benchmarks-scale.svg)

${firstToRunOut(figures)}
`;
}
