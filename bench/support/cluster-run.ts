import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEmptyTestPostgresDatabase, deleteRedisKeys, EmptyTestPostgresDatabase, freePort } from '@fsr/testing';
import { ApiClient, pollUntil } from './http';

const ROOT = resolve(__dirname, '../../..');
const KEY = 'scale-bench-admin-key-0001';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const TICKS = 100;

export interface ProcessSample {
  readonly cpuSeconds: number;
  readonly rssMiB: number;
}

/** `npm run cluster -- --hosts N` as a user runs it, on a database, prefix and ports of its own. */
export class ClusterRun {
  private constructor(
    private readonly child: ChildProcess,
    private readonly database: EmptyTestPostgresDatabase,
    private readonly dataDir: string,
    readonly queuePrefix: string,
    readonly api: ApiClient,
    readonly hosts: number,
  ) {}

  static async start(hosts: number): Promise<ClusterRun> {
    const database = await createEmptyTestPostgresDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'fsr-scale-'));
    const queuePrefix = `scale-${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    const env = {
      ...process.env,
      FSR_SKIP_BUILD: '1',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      HTTPS_PORT: String(await freePort()),
      API_KEYS: `admin:${KEY}`,
      HOST_MEMORY_MIB: '16384',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      THROTTLE_LIMIT: '1000000',
    };
    const child = spawn(process.execPath, [join(ROOT, 'scripts/cluster.js'), '--hosts', String(hosts)], { cwd: ROOT, env, detached: true, stdio: 'ignore' });
    const run = new ClusterRun(child, database, dataDir, queuePrefix, new ApiClient(`http://127.0.0.1:${port}`, KEY), hosts);
    await pollUntil(
      () => run.api.expect<{ connectionState: string }[]>(200, 'GET', `/hosts?limit=${Math.min(hosts, 500)}`),
      (list) => list.filter((host) => host.connectionState === 'connected').length === hosts,
      `${hosts} hosts connected`,
      300_000,
      1000,
    );
    return run;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** CPU seconds and RSS of the control plane and of each agent process. */
  async sample(): Promise<{ controlPlane: ProcessSample; agents: ProcessSample[] }> {
    const pids = await descendants(this.child.pid!);
    const samples = await Promise.all(pids.map(async (pid) => ({ args: await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''), sample: await processSample(pid) })));
    const controlPlane = samples.find(({ args }) => args.includes('apps/api/src/main.js'))?.sample ?? { cpuSeconds: NaN, rssMiB: NaN };
    const agents = samples.filter(({ args }) => args.includes('apps/host-agent/src/main.js') || args.startsWith('host-agent')).map(({ sample }) => sample);
    return { controlPlane, agents };
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    try {
      process.kill(-this.child.pid!, 'SIGINT');
    } catch {
      return;
    }
    const timer = setTimeout(() => process.kill(-this.child.pid!, 'SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
    await deleteRedisKeys(REDIS_URL, this.queuePrefix).catch(() => undefined);
    await this.database.drop().catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

async function processSample(pid: number): Promise<ProcessSample> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields 14 and 15 of stat (utime, stime), counted after the command name.
  return { cpuSeconds: (Number(stat[11]) + Number(stat[12])) / TICKS, rssMiB: Math.round(rssKiB / 1024) };
}

async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.split(') ')[1]?.split(' ')[1]);
    if (Number.isInteger(parent)) parents.set(Number(entry), parent);
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}
