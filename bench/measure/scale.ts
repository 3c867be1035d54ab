import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ClusterRun, ProcessSample } from '../support/cluster-run';
import { ApiClient, pollUntil, sleep } from '../support/http';
import { recordOperationsUpTo } from '../support/recorded-operations';
import { ApiFigures, measureApi } from './api-latency';

export interface ScaleStep {
  readonly hosts: number;
  readonly vms: number;
  readonly operations: number;
  readonly eventRows: number;
  readonly agentProcesses: number;
  /** % of one core and MiB. */
  readonly idle: { readonly controlPlaneCpu: number; readonly controlPlaneRssMiB: number; readonly agentsCpu: number; readonly agentsRssMiB: number };
  readonly underLoad: { readonly controlPlaneCpu: number; readonly hotAddsPerSecond: number; readonly hotAdds: number };
  readonly redis: { readonly clients: number; readonly memoryMiB: number };
  /** One hot add per host at once. */
  readonly burst: { readonly requested: number; readonly succeeded: number; readonly seconds: number };
  /** The hot add's API answer (202), ms. */
  readonly hotAddAnswer: { readonly p50: number; readonly p99: number };
  readonly stunP99Ms: number;
  /** One VM, one operation, one host: what consoles and clients poll. */
  readonly gets: ApiFigures[];
  /** Pages of 50, at the same rate. */
  readonly lists: ApiFigures[];
  /** Operations recorded by copying real ones (the history step), and how fast the projections caught up with them. */
  readonly history: { readonly copiedOperations: number; readonly eventRows: number; readonly catchUpSeconds: number } | null;
  /** Read models before and after a rebuild from the log; null when not compared (lists too long to read whole). */
  readonly projectionsEqualRebuild: boolean | null;
}

export interface ScaleFigures {
  readonly steps: ScaleStep[];
  readonly measuredAt: string;
}

const HOST_COUNTS = [10, 30, 100];
const LARGE_INVENTORY_VMS = 5000;
const LARGE_HISTORY_OPERATIONS = 50_000;
/** Every VM allocates space on its datastore's stream: VMs spread over several, as inventories do. */
const DATASTORES = 10;
const IDLE_SECONDS = 15;
const LOAD_SECONDS = 20;
const GET_RATE = 500;
const GET_SECONDS = 8;
/** Hosts have 16 GiB; one VM on each grows to this in steps of 256 MiB. */
const MAX_VM_MIB = 14 * 1024;
const LISTS = ['/vms?limit=50', '/operations?limit=50'];

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
};
const sum = (samples: readonly ProcessSample[], field: keyof ProcessSample) => samples.reduce((total, sample) => total + sample[field], 0);

async function cpuOver<T>(run: ClusterRun, work: () => Promise<T>): Promise<{ result: T; seconds: number; controlPlane: number; agents: number; rss: Awaited<ReturnType<ClusterRun['sample']>> }> {
  const before = await run.sample();
  const startedAt = performance.now();
  const result = await work();
  const seconds = (performance.now() - startedAt) / 1000;
  const after = await run.sample();
  const percent = (a: number, b: number) => Math.round((1000 * (b - a)) / seconds) / 10;
  return {
    result,
    seconds,
    controlPlane: percent(before.controlPlane.cpuSeconds, after.controlPlane.cpuSeconds),
    agents: percent(sum(before.agents, 'cpuSeconds'), sum(after.agents, 'cpuSeconds')),
    rss: after,
  };
}

async function createVms(api: ApiClient, hosts: number, perHost: number, powerOn: boolean, from = 0): Promise<string[]> {
  const specs = Array.from({ length: hosts * perHost }, (_, i) => ({
    name: `scale-${from + i}`,
    hostId: `host-${(i % hosts) + 1}`,
    datastoreId: `ds-scale-${i % DATASTORES}`,
    vcpus: 2,
    memoryMiB: powerOn ? 1024 : 256,
    cpuHotAddEnabled: true,
    memoryHotAddEnabled: true,
    disks: [{ sizeMiB: 1 }],
  }));
  const ids: string[] = [];
  for (let at = 0; at < specs.length; at += 16) {
    const batch = await Promise.all(specs.slice(at, at + 16).map((spec) => api.expect<{ id: string }>(201, 'POST', '/vms', spec)));
    if (powerOn) await Promise.all(batch.map((vm) => api.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'on' })));
    ids.push(...batch.map((vm) => vm.id));
  }
  return ids;
}

async function hotAdd(api: ApiClient, vmId: string, memoryMiB: number, answers: number[]): Promise<string> {
  const startedAt = performance.now();
  const { operationId } = await api.expect<{ operationId: string }>(202, 'POST', `/vms/${vmId}/hot-add`, { memoryMiB });
  answers.push(performance.now() - startedAt);
  return operationId;
}

async function ended(api: ApiClient, operationId: string): Promise<{ state: string; stunMs: number | null }> {
  return pollUntil(() => api.expect(200, 'GET', `/operations/${operationId}`), (op: { state: string }) => !['queued', 'running'].includes(op.state), `operation ${operationId}`, 300_000, 100);
}

/** The GETs are measured on a control plane at rest: the load before them has ended and its work drained. */
const SETTLE_SECONDS = 15;

async function measureGets(api: ApiClient, vmId: string): Promise<{ gets: ApiFigures[]; lists: ApiFigures[] }> {
  await sleep(SETTLE_SECONDS * 1000);
  const [operation] = await api.expect<{ id: string }[]>(200, 'GET', `/operations?vmId=${vmId}&limit=1`);
  const gets: ApiFigures[] = [];
  for (const path of [`/vms/${vmId}`, `/operations/${operation.id}`, '/hosts/host-1']) gets.push(await measureApi(api, path, GET_RATE, GET_SECONDS));
  const lists: ApiFigures[] = [];
  for (const path of LISTS) lists.push(await measureApi(api, path, GET_RATE, GET_SECONDS));
  return { gets, lists };
}

async function readModels(api: ApiClient) {
  return {
    hosts: await api.expect(200, 'GET', '/hosts?limit=500'),
    datastores: await api.expect(200, 'GET', '/datastores?limit=500'),
    vms: await api.expect(200, 'GET', '/vms?limit=500'),
    operations: await api.expect(200, 'GET', '/operations?limit=500'),
  };
}

async function counts(run: ClusterRun): Promise<{ eventRows: number; operations: number; vms: number }> {
  const db = new Client({ connectionString: run.databaseUrl });
  await db.connect();
  try {
    const one = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    return { eventRows: await one('SELECT count(*) AS n FROM events'), operations: await one('SELECT count(*) AS n FROM operation_view'), vms: await one('SELECT count(*) AS n FROM vm_view') };
  } finally {
    await db.end();
  }
}

async function redisFigures(): Promise<{ clients: number; memoryMiB: number }> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const info = await redis.info();
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
    return { clients: field('connected_clients'), memoryMiB: Math.round(field('used_memory') / 2 ** 20) };
  } finally {
    redis.disconnect();
  }
}

/** Steady hot adds, one loop per VM, for `seconds`: how many ended succeeded, and their stuns. */
async function steadyLoad(api: ApiClient, vmIds: readonly string[], seconds: number, answers: number[]): Promise<{ succeeded: number; stuns: number[] }> {
  const until = performance.now() + seconds * 1000;
  const stuns: number[] = [];
  let succeeded = 0;
  await Promise.all(
    vmIds.map(async (vmId) => {
      const { memoryMiB: current } = await api.expect<{ memoryMiB: number }>(200, 'GET', `/vms/${vmId}`);
      for (let memoryMiB = current + 256; performance.now() < until && memoryMiB <= MAX_VM_MIB; memoryMiB += 256) {
        const operation = await ended(api, await hotAdd(api, vmId, memoryMiB, answers));
        if (operation.state !== 'succeeded') throw new Error(`hot add of ${vmId} to ${memoryMiB} MiB ended ${operation.state}`);
        succeeded++;
        if (operation.stunMs !== null) stuns.push(operation.stunMs);
      }
    }),
  );
  return { succeeded, stuns };
}

async function measureStep(run: ClusterRun, log: (message: string) => void): Promise<ScaleStep> {
  const { api, hosts } = run;
  for (let i = 0; i < DATASTORES; i++) await api.expect(201, 'POST', '/datastores', { name: `scale-${i}`, capacityGiB: 10_000 });
  await sleep(3000);
  const idle = await cpuOver(run, () => sleep(IDLE_SECONDS * 1000));
  log(`${hosts} hosts idle: control plane ${idle.controlPlane} % of a core, agents ${idle.agents} %`);
  const vmIds = await createVms(api, hosts, 1, true);

  const answers: number[] = [];
  const burstStart = performance.now();
  const burstOps = await Promise.all(vmIds.map((vmId) => hotAdd(api, vmId, 2048, answers)));
  const burstEnded = await Promise.all(burstOps.map((id) => ended(api, id)));
  const burstSeconds = (performance.now() - burstStart) / 1000;
  const succeeded = burstEnded.filter((op) => op.state === 'succeeded').length;
  log(`${hosts} hosts: burst of ${hosts} hot adds, ${succeeded} succeeded in ${burstSeconds.toFixed(1)} s`);

  const load = await cpuOver(run, () => steadyLoad(api, vmIds, LOAD_SECONDS, answers));
  log(`${hosts} hosts under load: ${(load.result.succeeded / load.seconds).toFixed(1)} hot adds/s, control plane ${load.controlPlane} %`);
  const stuns = [...burstEnded.flatMap((op) => (op.stunMs === null ? [] : [op.stunMs])), ...load.result.stuns];

  const before = await readModels(api);
  await api.expect(200, 'POST', '/admin/projections/rebuild');
  const projectionsEqualRebuild = isDeepStrictEqual(before, await readModels(api));

  const { gets, lists } = await measureGets(api, vmIds[0]);
  return {
    hosts,
    ...(await counts(run)),
    agentProcesses: idle.rss.agents.length,
    idle: {
      controlPlaneCpu: idle.controlPlane,
      controlPlaneRssMiB: idle.rss.controlPlane.rssMiB,
      agentsCpu: idle.agents,
      agentsRssMiB: sum(idle.rss.agents, 'rssMiB'),
    },
    underLoad: { controlPlaneCpu: load.controlPlane, hotAddsPerSecond: Math.round((10 * load.result.succeeded) / load.seconds) / 10, hotAdds: load.result.succeeded },
    redis: await redisFigures(),
    burst: { requested: hosts, succeeded, seconds: Math.round(burstSeconds * 10) / 10 },
    hotAddAnswer: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
    stunP99Ms: percentile(stuns, 99),
    gets,
    lists,
    history: null,
    projectionsEqualRebuild,
  };
}

/** Operations up to LARGE_HISTORY_OPERATIONS, and the time the running control plane takes to project them. */
async function growHistory(run: ClusterRun, log: (message: string) => void): Promise<NonNullable<ScaleStep['history']>> {
  const { copied, eventRows } = await recordOperationsUpTo(run.databaseUrl, LARGE_HISTORY_OPERATIONS);
  const startedAt = performance.now();
  // Any command wakes the projector, which then works through the copied events in batches.
  const woken = await run.api.request('POST', '/datastores', { name: 'scale-history', capacityGiB: 1 });
  if (woken.status !== 201 && woken.status !== 404) throw new Error(`waking the projector answered ${woken.status}`);
  await pollUntil(() => counts(run), (now) => now.operations >= LARGE_HISTORY_OPERATIONS, 'the copied operations projected', 1_800_000, 2000);
  const catchUpSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
  log(`${copied} operations copied (${eventRows} events), projected in ${catchUpSeconds} s`);
  return { copiedOperations: copied, eventRows, catchUpSeconds };
}

/** The large inventory on the last cluster: VMs up to LARGE_INVENTORY_VMS and operations up to LARGE_HISTORY_OPERATIONS, then the load and the GETs again. */
async function measureLargeInventory(run: ClusterRun, previous: ScaleStep, log: (message: string) => void): Promise<ScaleStep> {
  const { api, hosts } = run;
  const perHost = Math.ceil((LARGE_INVENTORY_VMS - previous.vms) / hosts);
  const startedAt = performance.now();
  await createVms(api, hosts, perHost, false, previous.vms);
  log(`${hosts} hosts: ${hosts * perHost} more VMs created in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  const history = await growHistory(run, log);
  const idle = await cpuOver(run, () => sleep(IDLE_SECONDS * 1000));
  const vmIds = (await api.expect<{ id: string }[]>(200, 'GET', '/vms?powerState=poweredOn&limit=500')).map((vm) => vm.id);
  const answers: number[] = [];
  const load = await cpuOver(run, () => steadyLoad(api, vmIds, LOAD_SECONDS, answers));
  const { gets, lists } = await measureGets(api, vmIds[0]);
  return {
    ...previous,
    ...(await counts(run)),
    idle: { controlPlaneCpu: idle.controlPlane, controlPlaneRssMiB: idle.rss.controlPlane.rssMiB, agentsCpu: idle.agents, agentsRssMiB: sum(idle.rss.agents, 'rssMiB') },
    underLoad: { controlPlaneCpu: load.controlPlane, hotAddsPerSecond: Math.round((10 * load.result.succeeded) / load.seconds) / 10, hotAdds: load.result.succeeded },
    redis: await redisFigures(),
    hotAddAnswer: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
    stunP99Ms: percentile(load.result.stuns, 99),
    gets,
    lists,
    history,
    projectionsEqualRebuild: null,
  };
}

/** `npm run bench -- --only scale`: 10, 30 and 100 hosts as `npm run cluster` runs them, then 5,000 VMs on the 100. */
export async function measureScale(log: (message: string) => void, hostCounts: readonly number[] = HOST_COUNTS): Promise<ScaleFigures> {
  const steps: ScaleStep[] = [];
  for (const [index, hosts] of hostCounts.entries()) {
    const run = await ClusterRun.start(hosts);
    try {
      steps.push(await measureStep(run, log));
      if (index === hostCounts.length - 1) steps.push(await measureLargeInventory(run, steps[steps.length - 1], log));
    } finally {
      await run.stop();
    }
  }
  return { steps, measuredAt: new Date().toISOString() };
}
