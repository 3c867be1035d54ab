import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyTestPostgresDatabase, deleteRedisKeys, EmptyTestPostgresDatabase, freePortRun } from '@fsr/testing';
import { eventually } from '../../apps/api/test/support/eventually';
import { RepoProcess } from './cluster-process';
import { agentPidOf } from './process-of-host';

jest.setTimeout(120_000);

const ADMIN_KEY = 'admin-key-cluster-e2e-0001';
const HOSTS = ['host-1', 'host-2', 'host-3'];

/** `npm run cluster -- --hosts 3 --control-planes 2` as a user runs it, then operations on VMs of every host at once, then `npm run demo`. */
describe('the plain-process cluster (e2e)', () => {
  let database: EmptyTestPostgresDatabase;
  let dataDir: string;
  let cluster: RepoProcess;
  let base: string;
  let secondBase: string;
  let httpsBase: string;
  const queuePrefix = `cluster-${randomUUID()}`;

  const api = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const connectedHosts = async () => {
    const hosts = (await api('GET', '/hosts')).body as { id: string; connectionState: string }[];
    return hosts.filter((host) => host.connectionState === 'connected').map((host) => host.id).sort();
  };

  let clusterEnv: NodeJS.ProcessEnv;
  /** Starts `npm run cluster` in a process group of its own, as a terminal does, and waits for its three hosts. */
  const startCluster = async () => {
    cluster = new RepoProcess('scripts/cluster.js', ['--hosts', '3', '--control-planes', '2'], clusterEnv, { ownGroup: true });
    await eventually(async () => cluster.text, (text) => text.includes('FSR cluster up'), { what: 'the cluster banner', timeoutMs: 60_000, intervalMs: 200 })
      .catch((error: Error) => Promise.reject(new Error(`${error.message}\n${cluster.text}`)));
    await eventually(connectedHosts, (hosts) => hosts.length === 3, { what: 'three connected hosts', timeoutMs: 30_000 });
  };

  beforeAll(async () => {
    database = await createEmptyTestPostgresDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'fsr-cluster-'));
    const port = await freePortRun(2);
    const httpsPort = await freePortRun(2);
    httpsBase = `https://127.0.0.1:${httpsPort}`;
    base = `http://127.0.0.1:${port}`;
    secondBase = `http://127.0.0.1:${port + 1}`;
    clusterEnv = {
      FSR_SKIP_BUILD: '1',
      PORT: String(port),
      HTTPS_PORT: String(httpsPort),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: queuePrefix,
      API_KEYS: `admin:${ADMIN_KEY}`,
      HOST_MEMORY_MIB: '8192',
      WORKER_THREADS: '1',
      HEARTBEAT_INTERVAL_MS: '500',
      HEARTBEAT_TIMEOUT_MS: '3000',
    };
    await startCluster();
  });

  afterAll(async () => {
    cluster?.signalGroup('SIGKILL');
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await deleteRedisKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix);
  });

  it('prints where the API, console, dashboard and docs are', () => {
    for (const path of ['/api/v1', '/console', '/admin/queues', '/docs']) expect(cluster.text).toContain(`${base}${path}`);
    expect(cluster.text).toContain(`${httpsBase}/api`);
    expect(cluster.text).toContain('one of API_KEYS');
    expect(cluster.text).toContain(`replica 2  ${secondBase}`);
  });

  it('serves the same inventory from the second replica', async () => {
    const hosts = await fetch(`${secondBase}/api/v1/hosts`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } }).then((response) => response.json());
    expect((hosts as { id: string; connectionState: string }[]).map((host) => `${host.id} ${host.connectionState}`)).toEqual(HOSTS.map((host) => `${host} connected`));
  });

  it('runs hot-adds on VMs of the three hosts at the same time; every VM ends as its history says', async () => {
    expect(await connectedHosts()).toEqual(HOSTS);
    const datastore = (await api('POST', '/datastores', { name: 'shared', capacityGiB: 4 })).body;
    const vms = await Promise.all(
      HOSTS.map(async (hostId, index) => {
        const spec = { name: `vm-${hostId}`, hostId, datastoreId: datastore.id, vcpus: 2, memoryMiB: 512 * (index + 1), cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
        const vm = (await api('POST', '/vms', spec)).body;
        expect((await api('POST', `/vms/${vm.id}/power`, { action: 'on' })).status).toBe(200);
        return { id: vm.id as string, hostId, memoryMiB: spec.memoryMiB };
      }),
    );

    const accepted = await Promise.all(
      vms.map((vm, index) => api('POST', `/vms/${vm.id}/hot-add`, { vcpus: 4, memoryMiB: vm.memoryMiB * 2, mode: index % 2 ? 'legacy' : 'distributed' })),
    );
    expect(accepted.map((answer) => answer.status)).toEqual([202, 202, 202]);
    const ended = await Promise.all(
      accepted.map(({ body }) =>
        eventually(() => api('GET', `/operations/${body.operationId}`), ({ body: op }) => ['succeeded', 'failed', 'rolled-back', 'cancelled'].includes(op.state), {
          what: `operation ${body.operationId}`,
          timeoutMs: 60_000,
        }).then((answer) => answer.body),
      ),
    );

    expect(ended.map((op) => [op.hostId, op.state, op.mode])).toEqual([
      ['host-1', 'succeeded', 'distributed'],
      ['host-2', 'succeeded', 'legacy'],
      ['host-3', 'succeeded', 'distributed'],
    ]);
    for (const vm of vms) {
      const view = (await api('GET', `/vms/${vm.id}`)).body;
      expect(view).toMatchObject({ hostId: vm.hostId, powerState: 'poweredOn', vcpus: 4, memoryMiB: vm.memoryMiB * 2, activeOperationId: null });
      const history = (await api('GET', `/vms/${vm.id}/history?limit=100`)).body.items as { type: string }[];
      expect(history.map((item) => item.type).filter((type) => type.startsWith('vm.'))).toEqual([
        'vm.created',
        'vm.power-change-started',
        'vm.powered-on',
        'vm.operation-started',
        'vm.reconfigured',
        'vm.operation-ended',
      ]);
      expect((await api('GET', `/hosts/${vm.hostId}`)).body.used.memoryMiB).toBe(vm.memoryMiB * 2);
    }
  });

  it('npm run demo: hot-adds in both modes on every host and a Storage vMotion, in a table of predicted and measured stun', async () => {
    const demo = new RepoProcess('dist/apps/demo/src/main.js', [], { FSR_API_URL: base, FSR_API_KEY: ADMIN_KEY });
    const { code } = await demo.exited;
    expect({ code, output: demo.text }).toEqual({ code: 0, output: expect.stringContaining('predicted stun ms') });
    const rows = demo.text.split('\n').filter((line) => / (hot-add|relocate) /.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(3, 5).join(' ')).sort()).toEqual([
      ...Array(3).fill('hot-add distributed'),
      ...Array(3).fill('hot-add legacy'),
      'relocate distributed',
    ]);
    for (const row of rows) expect(row).toMatch(/ succeeded +\d+\.\d +\d+\.\d +(met|breached)$/);
    expect(new Set(rows.map((row) => row.split(/\s+/)[2]))).toEqual(new Set(HOSTS));
  });

  it('npm run demo -- --help prints its usage; with a wrong key it says what the server answered, never a stack trace', async () => {
    const help = new RepoProcess('dist/apps/demo/src/main.js', ['--help'], {});
    expect(await help.exited).toMatchObject({ code: 0 });
    expect(help.text).toMatch(/^usage: npm run demo -- \[--url URL\] \[--key KEY\]/);
    const wrongKey = new RepoProcess('dist/apps/demo/src/main.js', [], { FSR_API_URL: base, FSR_API_KEY: 'not-a-key-of-this-cluster' });
    expect(await wrongKey.exited).toMatchObject({ code: 1 });
    expect(wrongKey.text).toMatch(/demo: GET \/hosts answered 401 UNAUTHORIZED/);
    expect(wrongKey.text).not.toMatch(/TypeError|    at /);
    const unknownFlag = new RepoProcess('dist/apps/demo/src/main.js', ['--colour'], {});
    expect(await unknownFlag.exited).toMatchObject({ code: 1 });
    expect(unknownFlag.text).not.toMatch(/    at /);
  });

  it('starts a SIGKILLed agent again: the cluster stays up and the host connects again', async () => {
    const instanceOf = async () => (await api('GET', '/hosts/host-2/history?type=host.connected&order=desc&limit=1')).body.items[0].data.agentInstanceId as string;
    const before = await instanceOf();
    process.kill(agentPidOf('host-2', queuePrefix)!, 'SIGKILL');
    await eventually(instanceOf, (instance) => instance !== before, { what: 'host-2 connected again by a new agent', timeoutMs: 30_000 });
    await eventually(connectedHosts, (hosts) => hosts.length === 3, { what: 'three connected hosts', timeoutMs: 30_000 });
    expect(cluster.running).toBe(true);
  });

  it('stops every process on Ctrl-C (SIGINT to the whole process group) mid-relocation, leaving no partial copy on disk; started again, the relocation has ended with its cause and its space given back', async () => {
    const spec = { name: 'moving', hostId: 'host-1', datastoreId: 'ds-shared', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 64 }] };
    const vm = (await api('POST', '/vms', spec)).body;
    expect((await api('POST', `/vms/${vm.id}/power`, { action: 'on' })).status).toBe(200);
    expect((await api('POST', '/datastores', { name: 'target', capacityGiB: 1 })).status).toBe(201);
    const operationId = (await api('POST', `/vms/${vm.id}/relocate`, { datastoreId: 'ds-target', maxCopyMiBps: 8 })).body.operationId;
    await eventually(() => api('GET', `/operations/${operationId}`), ({ body }) => body.progress.done > 0, { what: 'the copy under way', timeoutMs: 20_000 });

    cluster.signalGroup('SIGINT');
    const { code } = await cluster.exited;
    expect(code).toBe(0);
    for (const host of HOSTS) expect(cluster.text).toMatch(new RegExp(`\\[${host}\\] .*host agent ${host} \\(.*\\) stopped`));
    expect(HOSTS.map((host) => agentPidOf(host, queuePrefix))).toEqual([undefined, undefined, undefined]);
    const fileName: string = vm.disks[0].fileName;
    expect(existsSync(join(dataDir, 'datastores', 'target', fileName))).toBe(false);
    expect(existsSync(join(dataDir, 'datastores', 'shared', fileName))).toBe(true);

    // Started again: the agents took their VMs back. The relocation, cut off before its switch-over by its agent's
    // stop, failed HOST_DISCONNECTED, even when a control plane stopped between recording the disconnection and
    // handling it: the next one handles it before it continues anything of the host (host-loss-unhandled.e2e).
    await startCluster();
    const ended = await eventually(() => api('GET', `/operations/${operationId}`), ({ body }) => ['succeeded', 'failed', 'rolled-back', 'cancelled'].includes(body.state), {
      what: 'the relocation to end',
      timeoutMs: 60_000,
    });
    expect(ended.body).toMatchObject({ state: 'failed', error: { code: 'HOST_DISCONNECTED', message: expect.stringMatching(/agent-restart(ing|ed)/) } });
    expect((await api('GET', `/vms/${vm.id}`)).body).toMatchObject({ powerState: 'poweredOn', activeOperationId: null, disks: [{ datastoreId: 'ds-shared' }] });
    expect((await api('GET', '/datastores/ds-target')).body.usedMiB).toBe(0);
    // A run that had copied again under the new agents is told to discard that copy once it sees the ending.
    await eventually(async () => existsSync(join(dataDir, 'datastores', 'target', fileName)), (exists) => !exists, {
      what: `no copy left on the target datastore\n${cluster.text.split('\n').filter((line) => line.includes(operationId) || line.includes('copy')).join('\n')}`,
      timeoutMs: 10_000,
    });
    expect(cluster.text).not.toContain('OperationAlreadyEndedError');
  });
});
