import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { createEmptyTestPostgresDatabase, EmptyTestPostgresDatabase } from '@fsr/testing';
import { Child } from './child';
import { ApiClient, pollUntil } from './http';

const DIST = resolve(__dirname, '../../apps');

/** The node options `npm start` gives the control plane (its heap floor), read from package.json. */
export function controlPlaneNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((part) => part.startsWith('--'));
}
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const HOST_ID = 'bench-host';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * The real stack for the benchmark: the control plane and one host agent, each its own process, on a
 * fresh PostgreSQL database, the shared Redis under a key prefix of its own, a temporary DATA_DIR.
 */
export class BenchStack {
  private constructor(
    readonly api: ApiClient,
    readonly viewer: ApiClient,
    private readonly processes: Child[],
    private readonly database: EmptyTestPostgresDatabase,
    readonly dataDir: string,
    readonly queuePrefix: string,
  ) {}

  get agentPid(): number | undefined {
    return this.processes[1]?.pid;
  }

  /** `profileDir`: both processes write V8 CPU profiles there when they exit (`--cpu-prof`). */
  static async start(hostMemoryMiB: number, profileDir?: string): Promise<BenchStack> {
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const dataDir = await mkdtemp(join(tmpdir(), 'fsr-bench-'));
    const database = await createEmptyTestPostgresDatabase();
    const queuePrefix = `bench-${randomUUID()}`;
    const keys = { admin: randomBytes(12).toString('hex'), viewer: randomBytes(12).toString('hex') };
    const port = await freePort();
    const common = { REDIS_URL, QUEUE_PREFIX: queuePrefix, DATA_DIR: dataDir };
    const api = new Child('control plane', join(DIST, 'api/src/main.js'), {
      ...common,
      PORT: String(port),
      HTTPS_PORT: '0',
      DATABASE_URL: database.url,
      HOST_AGENTS: '0',
      API_KEYS: `admin:${keys.admin},viewer:${keys.viewer}`,
      THROTTLE_LIMIT: '100000000',
      HOST_AGENT_TIMEOUT_MS: '120000',
      STUN_SLA_MS: '10000',
      LOG_LEVEL: 'warn',
    }, [...controlPlaneNodeOptions(), ...profiling]);
    const stack = new BenchStack(
      new ApiClient(`http://127.0.0.1:${port}`, keys.admin),
      new ApiClient(`http://127.0.0.1:${port}`, keys.viewer),
      [api],
      database,
      dataDir,
      queuePrefix,
    );
    try {
      await pollUntil(() => stack.api.request('GET', '/hosts'), (r) => r.status === 200, 'the control plane', 60_000, 200);
      stack.processes.push(
        new Child('host agent', join(DIST, 'host-agent/src/main.js'), {
          ...common,
          HOST_NAME: HOST_ID,
          HOST_MEMORY_MIB: String(hostMemoryMiB),
          HOST_CPU_CORES: '64',
        }, profiling),
      );
      await pollUntil(
        () => stack.api.request('GET', `/hosts/${HOST_ID}`),
        (r) => r.status === 200 && r.body.connectionState === 'connected',
        'the host agent to connect',
        120_000,
        200,
      );
    } catch (error) {
      const output = stack.processes.map((child) => `${child.name}: ${child.recentOutput()}`).join('\n');
      await stack.close();
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    return stack;
  }

  async close(): Promise<void> {
    for (const child of [...this.processes].reverse()) await child.stop();
    await this.database.drop();
    await rm(this.dataDir, { recursive: true, force: true });
    await deleteKeys(`${this.queuePrefix}:*`);
  }
}

export async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    for await (const keys of redis.scanStream({ match: pattern, count: 1000 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
