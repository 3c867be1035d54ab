import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyTestPostgresDatabase, deleteRedisKeys, EmptyTestPostgresDatabase } from '@fsr/testing';
import { CONTROL_PLANE_ENTRY, freePort } from './support/control-plane-process';
import { HOST_AGENT_ENTRY } from './support/agent-process';
import { eventually } from './support/eventually';
import { REDIS_URL } from './support/test-stack';

const ADMIN_KEY = 'admin-key-single-000001';

/** The children of `pid` whose command line runs the host agent. */
function agentsOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'host-agent'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Issue 19: agents orphaned by a killed `npm start`, two agents on one host, a second control plane on one prefix. */
describe('one process per host and per control plane (e2e)', () => {
  let database: EmptyTestPostgresDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const queuePrefix = `test-${randomUUID()}`;
  const children: ChildProcess[] = [];

  const launch = (entry: string, extra: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
    return { child, output };
  };
  const startControlPlane = async (port: number) => {
    const started = launch(CONTROL_PLANE_ENTRY, { PORT: String(port) });
    await eventually(
      () => fetch(`http://127.0.0.1:${port}/api/v1/hosts/host-1`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } }).then((r) => r.json() as Promise<{ connectionState?: string }>, () => null),
      (host) => host?.connectionState === 'connected',
      { what: 'host-1 connected', timeoutMs: 40_000, intervalMs: 200 },
    );
    return { ...started, port };
  };

  beforeAll(async () => {
    database = await createEmptyTestPostgresDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'fsr-single-'));
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      API_KEYS: `admin:${ADMIN_KEY}`,
      HOST: '127.0.0.1',
      // A free HTTPS port each: the default 3443 may be another test's.
      HTTPS_PORT: '0',
      HOST_AGENTS: '1',
      HOST_MEMORY_MIB: '4096',
      HEARTBEAT_INTERVAL_MS: '500',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    await deleteRedisKeys(REDIS_URL, queuePrefix);
  });

  it('an agent of a SIGKILLed control plane stops; the restarted one runs the only agent of the host', async () => {
    const first = await startControlPlane(await freePort());
    const [orphan] = agentsOf(first.child.pid!);
    expect(orphan).toBeGreaterThan(0);

    first.child.kill('SIGKILL');
    await eventually(async () => alive(orphan), (running) => !running, { what: 'the orphaned agent to stop', timeoutMs: 20_000 });

    const second = await startControlPlane(await freePort());
    expect(agentsOf(second.child.pid!)).toHaveLength(1);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 90_000);

  it('a second agent for a host that is served refuses to start, and the first one keeps it', async () => {
    const first = launch(HOST_AGENT_ENTRY, { HOST_NAME: 'host-9' });
    await eventually(async () => first.output.join(''), (text) => text.includes('started'), { what: 'the first agent', timeoutMs: 20_000 });
    const second = launch(HOST_AGENT_ENTRY, { HOST_NAME: 'host-9' });
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(second.output.join('')).toMatch(/host host-9 is already served by pid \d+/);
    expect(first.child.exitCode).toBeNull();
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');
  }, 60_000);

  it('prints a generated admin key once, after its start-up lines, where it stays on screen', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'fsr-key-'));
    try {
      const port = await freePort();
      const plane = launch(CONTROL_PLANE_ENTRY, { DATABASE_URL: '', API_KEYS: '', HOST_AGENTS: '0', PORT: String(port), DATA_DIR: keyDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
      const text = await eventually(async () => plane.output.join(''), (output) => output.includes('Use it as "Authorization: Bearer <key>"'), { what: 'the key notice', timeoutMs: 40_000 });
      const key = (await readFile(join(keyDir, 'admin-api-key'), 'utf8')).trim();
      // After Nest's route lines (logged at start-up, long before), so it is the last thing on screen.
      expect(text.indexOf(key)).toBeGreaterThan(text.lastIndexOf('Mapped {'));
      expect(text.split(key)).toHaveLength(2);
      // The console's static files are not logged; the API's requests are.
      await fetch(`http://127.0.0.1:${port}/console/assets/app.js`);
      await fetch(`http://127.0.0.1:${port}/api/v1`);
      const logged = await eventually(async () => plane.output.join(''), (output) => output.includes('"url":"/api/v1"'), { what: 'the request log line' });
      expect(logged).not.toContain('/console/assets/app.js');
      plane.child.kill('SIGTERM');
      await once(plane.child, 'exit');
    } finally {
      await rm(keyDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a second control plane on embedded PGlite and the same queue prefix refuses to start, naming the way to replicas', async () => {
    const pglite = { DATABASE_URL: '', HOST_AGENTS: '0' };
    const firstDir = await mkdtemp(join(tmpdir(), 'fsr-pglite-a-'));
    const secondDir = await mkdtemp(join(tmpdir(), 'fsr-pglite-b-'));
    try {
      const port = await freePort();
      const first = launch(CONTROL_PLANE_ENTRY, { ...pglite, PORT: String(port), DATA_DIR: firstDir });
      await eventually(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0), (status) => status > 0, { what: 'the first control plane', timeoutMs: 40_000, intervalMs: 200 });
      const second = launch(CONTROL_PLANE_ENTRY, { ...pglite, PORT: String(await freePort()), DATA_DIR: secondDir });
      const [code] = (await once(second.child, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(second.output.join('')).toMatch(/cannot start: the control plane of queue prefix "test-[^"]+" is already served by pid \d+.*DATABASE_URL/);
      const hosts = await fetch(`http://127.0.0.1:${port}/api/v1/hosts`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      expect(hosts.status).toBe(200);
      first.child.kill('SIGTERM');
      await once(first.child, 'exit');
    } finally {
      await Promise.all([firstDir, secondDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  }, 90_000);
});
