import request from 'supertest';
import { Client } from 'pg';
import { ControlPlaneProcess } from './support/control-plane-process';
import { eventually } from './support/eventually';
import { streamsWithGaps } from './support/fault-scenario';
import { startHaproxyInFrontOf } from './support/haproxy';
import { SseClient } from './support/sse-client';
import { KEYS, TestStack } from './support/test-stack';

const LEASE_TTL_MS = 3000;
const TAKEOVER_BUDGET_MS = LEASE_TTL_MS + 5000;

/**
 * Issue 14: two control-plane replicas on one PostgreSQL and one Redis prefix, three host agents. Commands
 * go to both in turn; the replica driving an operation is SIGKILLed in its prepare, its stun and its disk
 * copy, and the other one continues each operation to the end the agent could reach.
 */
describe('two control-plane replicas (e2e)', () => {
  let stack: TestStack;
  let replicas: ControlPlaneProcess[];
  let db: Client;
  let vmSeq = 0;

  const api = (replica: ControlPlaneProcess, role: keyof typeof KEYS = 'operator') => ({
    get: (path: string) => request(replica.url).get(`/api/v1${path}`).set('Authorization', `Bearer ${KEYS[role]}`),
    post: (path: string, body: object = {}) => request(replica.url).post(`/api/v1${path}`).set('Authorization', `Bearer ${KEYS[role]}`).send(body),
  });
  const survivorOf = (dead: ControlPlaneProcess) => replicas.find((replica) => replica !== dead)!;
  const live = () => replicas.find((replica) => replica.running)!;
  const untilPhase = (operationId: string, phase: string) =>
    eventually(() => api(live(), 'viewer').get(`/operations/${operationId}`), (response) => response.body.phase === phase, { what: `the ${phase} phase` });
  const untilSwitchoverStarted = (vmId: string, operationId: string) =>
    eventually(
      () => api(live(), 'viewer').get(`/vms/${vmId}/history?type=operation.switchover-started&operationId=${operationId}`),
      (response) => response.body.items?.length === 1,
      { what: 'the switch-over to start' },
    );
  const heldByAgent = async (vmId: string, hostId: string) => {
    const memory = (await api(live(), 'admin').get(`/hosts/${hostId}/memory`)).body;
    return { memory, vm: memory.vms.find((vm: { vmId: string }) => vm.vmId === vmId) };
  };
  /** The replica whose lease drives the operation now (its holder id names its pid). */
  const driverOf = async (operationId: string) => {
    const { rows } = await eventually(
      () => db.query<{ holder: string }>(`SELECT holder FROM work_leases WHERE name = $1 AND expires_at > now()`, [`operation:${operationId}`]),
      (result) => result.rows.length === 1,
      { what: `a replica driving ${operationId}` },
    );
    const pid = Number(rows[0].holder.split(':')[1]);
    return replicas.find((replica) => replica.pid === pid)!;
  };
  const runningVm = async (via: ControlPlaneProcess, hostId: string, diskMiB = 1) => {
    const spec = { name: `replicated-${++vmSeq}`, hostId, datastoreId: 'ds-ds1', vcpus: 4, memoryMiB: 1024, memoryHotAddEnabled: true, disks: [{ sizeMiB: diskMiB }] };
    const vm = (await api(via).post('/vms', spec).expect(201)).body;
    await api(survivorOf(via)).post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    return vm as { id: string };
  };
  const endings = async (operationId: string) =>
    (await db.query(`SELECT type FROM events WHERE stream_id = $1 AND type IN ('operation.switched-over', 'operation.succeeded', 'operation.failed', 'operation.rolled-back') ORDER BY position`, [`operation-${operationId}`])).rows.map((row) => row.type);
  const killDriver = async (operationId: string) => {
    const driver = await driverOf(operationId);
    await driver.stop('SIGKILL');
    return { driver, killedAt: Date.now() };
  };
  const endOf = async (operationId: string, { driver, killedAt }: { driver: ControlPlaneProcess; killedAt: number }) => {
    const ended = await eventually(
      () => api(survivorOf(driver), 'viewer').get(`/operations/${operationId}`),
      (response) => ['succeeded', 'failed', 'cancelled', 'rolled-back'].includes(response.body.state),
      { what: `operation ${operationId} to end on the surviving replica`, timeoutMs: 60_000, intervalMs: 100 },
    );
    return { driver, operation: ended.body, tookMs: Date.now() - killedAt };
  };
  const killDriverAndWait = async (operationId: string) => endOf(operationId, await killDriver(operationId));

  beforeAll(async () => {
    // A generous heartbeat timeout: one test holds an agent stopped (SIGSTOP) while its prepare is taken over.
    const env = { LEASE_TTL_MS: String(LEASE_TTL_MS), HEARTBEAT_TIMEOUT_MS: '15000' };
    stack = await TestStack.start({ controlPlane: 'process', hosts: ['host-1', 'host-2', 'host-3'], env });
    replicas = [stack.controlPlaneProcess, await stack.startReplica()];
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    for (const name of ['ds1', 'ds2']) await api(replicas[0], 'admin').post('/datastores', { name, capacityGiB: 10 }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  }, 60_000);

  it('serves the whole API from both: a VM created on one is read and powered on through the other', async () => {
    const vm = await runningVm(replicas[1], 'host-1');
    expect((await api(replicas[0], 'viewer').get(`/vms/${vm.id}`).expect(200)).body).toMatchObject({ powerState: 'poweredOn' });
    for (const replica of replicas) expect((await api(replica, 'viewer').get('/hosts').expect(200)).body.map((host: { connectionState: string }) => host.connectionState)).toEqual(['connected', 'connected', 'connected']);
  });

  it('streams on one replica (SSE) the events a command on the other one recorded', async () => {
    const stream = await SseClient.open(`${replicas[0].url}/api/v1/events/stream`, { Authorization: `Bearer ${KEYS.viewer}` });
    try {
      const vm = (await api(replicas[1]).post('/vms', { name: 'streamed-elsewhere', hostId: 'host-2', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 1 }] }).expect(201)).body;
      await eventually(async () => stream.events.map((event) => event.data), (events) => events.some((event) => event.type === 'vm.created' && event.streamId === `vm-${vm.id}`), {
        what: 'the other replica\'s vm.created on this stream',
        timeoutMs: 10_000,
      });
    } finally {
      stream.close();
    }
  });

  it('says in /health and /metrics which replica answered and which leases it holds: one of them watches host liveness', async () => {
    const replicaInfos = () =>
      Promise.all(replicas.map((replica) => request(replica.url).get('/health').then((response) => response.body.info.replica as { id: string; leases: Record<string, number> })));
    const infos = await eventually(replicaInfos, (all) => all.some((info) => info.leases['host-liveness'] === 1), { what: 'a replica watching host liveness' });
    expect(infos.map((info) => Number(info.id.split(':')[1]))).toEqual(replicas.map((replica) => replica.pid));
    expect(infos.map((info) => info.leases.replica)).toEqual([1, 1]);
    expect(infos.map((info) => info.leases['host-liveness'] ?? 0).sort()).toEqual([0, 1]);
    const metrics = await request(replicas[0].url).get('/metrics').set('Authorization', `Bearer ${KEYS.viewer}`).expect(200);
    expect(metrics.text).toMatch(/^fsr_replica_leases\{kind="replica"\} 1$/m);
  });

  it('continues a hot add whose replica died in its prepare: the other asks the agent and switches over', async () => {
    const vm = await runningVm(replicas[0], 'host-1');
    const agent = stack.agents.get('host-1')!;
    agent.signal('SIGSTOP');
    const operationId: string = (await api(replicas[0]).post(`/vms/${vm.id}/hot-add`, { memoryMiB: 2048 }).expect(202)).body.operationId;
    let killed: Awaited<ReturnType<typeof killDriver>>;
    try {
      await untilPhase(operationId, 'prepare');
      killed = await killDriver(operationId);
    } finally {
      // The agent answers the dead replica's prepare now; the other replica finds the destination prepared.
      agent.signal('SIGCONT');
    }
    const { driver, operation, tookMs } = await endOf(operationId, killed);
    expect({ state: operation.state, error: operation.error }).toEqual({ state: 'succeeded', error: undefined });
    expect(tookMs).toBeLessThan(TAKEOVER_BUDGET_MS);
    expect(await endings(operationId)).toEqual(['operation.switched-over', 'operation.succeeded']);
    expect((await heldByAgent(vm.id, 'host-1')).vm.pages).toBe(2048 * 256);
    await driver.start();
  }, 90_000);

  it('continues a hot add whose replica died in the stun: the other waits on the same switch-over job and records its stun', async () => {
    const vm = await runningVm(replicas[1], 'host-2');
    await stack.injectSegmentFault(vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const operationId = (await api(replicas[1]).post(`/vms/${vm.id}/hot-add`, { memoryMiB: 2048 }).expect(202)).body.operationId;
    await untilSwitchoverStarted(vm.id, operationId);
    const { driver, operation, tookMs } = await killDriverAndWait(operationId);
    expect({ state: operation.state, error: operation.error }).toEqual({ state: 'succeeded', error: undefined });
    expect(operation.stunMs).toBeGreaterThan(0);
    expect(tookMs).toBeLessThan(TAKEOVER_BUDGET_MS);
    expect(await endings(operationId)).toEqual(['operation.switched-over', 'operation.succeeded']);
    const { memory, vm: held } = await heldByAgent(vm.id, 'host-2');
    expect({ pages: held.pages, conflictingMpns: memory.conflictingMpns }).toEqual({ pages: 2048 * 256, conflictingMpns: 0 });
    await driver.start();
  }, 90_000);

  it('finishes a hot add whose replica died between recording the stun and its ending', async () => {
    const vm = await runningVm(replicas[1], 'host-1');
    // The first operation.succeeded of the next operation is held in its transaction, so the driver dies inside it.
    await db.query(`CREATE TABLE held_endings (stream_id text PRIMARY KEY)`);
    await db.query(`CREATE FUNCTION hold_first_ending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'operation.succeeded' AND NOT EXISTS (SELECT 1 FROM held_endings WHERE stream_id = NEW.stream_id) THEN
          INSERT INTO held_endings VALUES (NEW.stream_id);
          PERFORM pg_sleep(3);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER hold_first_ending BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION hold_first_ending()`);
    try {
      const operationId = (await api(replicas[1]).post(`/vms/${vm.id}/hot-add`, { memoryMiB: 2048 }).expect(202)).body.operationId;
      await eventually(
        () => db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`),
        (result) => result.rows.length === 1,
        { what: 'the driver to be inside its ending', intervalMs: 20 },
      );
      const { driver, operation } = await killDriverAndWait(operationId);
      expect({ state: operation.state, error: operation.error }).toEqual({ state: 'succeeded', error: undefined });
      expect(await endings(operationId)).toEqual(['operation.switched-over', 'operation.succeeded']);
      const history = (await api(survivorOf(driver), 'viewer').get(`/vms/${vm.id}/history?operationId=${operationId}&type=operation.succeeded`)).body.items;
      expect(history.map((item: { actor: string }) => item.actor)).toEqual(['system:recovery']);
      await driver.start();
    } finally {
      await db.query('DROP TRIGGER hold_first_ending ON events; DROP FUNCTION hold_first_ending(); DROP TABLE held_endings');
    }
  }, 90_000);

  it('continues a Storage vMotion whose replica died mid-copy: the other takes up the copy the agent holds', async () => {
    const vm = await runningVm(replicas[0], 'host-3', 192);
    await api(replicas[1]).post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 10 }).expect(200);
    const operationId = (await api(replicas[0]).post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds2', maxCopyMiBps: 24 }).expect(202)).body.operationId;
    await eventually(
      () => api(replicas[1], 'viewer').get(`/operations/${operationId}`),
      ({ body }) => body.progress?.done >= body.progress?.total * 0.2,
      { what: 'the copy at 20 %', timeoutMs: 30_000, intervalMs: 100 },
    );
    const { driver, operation } = await killDriverAndWait(operationId);
    expect({ state: operation.state, error: operation.error }).toEqual({ state: 'succeeded', error: undefined });
    expect(operation.relocation.mirroredWrites).toBeGreaterThan(0);
    expect((await api(survivorOf(driver), 'viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ datastoreId: 'ds-ds2', activeOperationId: null });
    await driver.start();
  }, 90_000);

  it('a replica paused past its lease (SIGSTOP) loses it: the other finishes the stun, and the resumed one writes nothing as its owner', async () => {
    const vm = await runningVm(replicas[0], 'host-1');
    await stack.injectSegmentFault(vm.id, { segmentIndex: 1, failAttempts: 1, kind: 'stall' });
    const operationId = (await api(replicas[0]).post(`/vms/${vm.id}/hot-add`, { memoryMiB: 1536 }).expect(202)).body.operationId;
    await untilSwitchoverStarted(vm.id, operationId);
    const paused = await driverOf(operationId);
    paused.signal('SIGSTOP');
    try {
      const ended = await eventually(
        () => api(survivorOf(paused), 'viewer').get(`/operations/${operationId}`),
        (response) => response.body.state === 'succeeded',
        { what: 'the other replica to finish the operation', timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(ended.body.stunMs).toBeGreaterThan(0);
    } finally {
      paused.signal('SIGCONT');
    }
    const resumedOutput = await eventually(async () => paused.output.join(''), (text) => text.includes(`lease operation:${operationId} was taken by another holder`), {
      what: 'the resumed replica to notice its lease is gone',
    });
    expect(resumedOutput).toContain(`lease operation:${operationId} was taken by another holder`);
    await eventually(
      () => request(paused.url).get('/health').then((response) => response.body.info.replica.leases as Record<string, number>),
      (leases) => leases.operation === undefined,
      { what: 'the resumed replica to drive no operation' },
    );
    expect(await endings(operationId)).toEqual(['operation.switched-over', 'operation.succeeded']);
    expect((await api(paused, 'viewer').get(`/operations/${operationId}`).expect(200)).body.state).toBe('succeeded');
  }, 90_000);

  it('answers through HAProxy with deploy/haproxy.cfg (as docker-compose.yml runs it), also while one replica is dead', async () => {
    const balancer = await startHaproxyInFrontOf(replicas);
    try {
      const hosts = () => fetch(`${balancer.url}/api/v1/hosts`, { headers: { Authorization: `Bearer ${KEYS.viewer}` } }).then((response) => response.status, () => 0);
      expect(await Promise.all(Array.from({ length: 10 }, hosts))).toEqual(Array(10).fill(200));
      expect(await fetch(`${balancer.tcpUrl}/health`).then((response) => response.status)).toBe(200);
      await replicas[0].stop('SIGKILL');
      await eventually(() => Promise.all(Array.from({ length: 10 }, hosts)), (statuses) => statuses.every((status) => status === 200), {
        what: 'HAProxy to send every request to the live replica',
        timeoutMs: 15_000,
      });
    } finally {
      await balancer.stop();
      await replicas[0].start();
    }
  }, 60_000);

  it('ends with contiguous streams, no host ever recorded lost, and views that a rebuild on the other replica leaves as they were', async () => {
    expect(await streamsWithGaps(stack.databaseUrl)).toEqual([]);
    // Replicas killed, paused and restarted handed the liveness watch over without a host flapping.
    expect((await db.query(`SELECT stream_id FROM events WHERE type = 'host.disconnected'`)).rows).toEqual([]);
    const views = async (replica: ControlPlaneProcess) => ({
      vms: (await api(replica, 'viewer').get('/vms?limit=500')).body,
      operations: (await api(replica, 'viewer').get('/operations?limit=500')).body,
    });
    const first = await views(replicas[0]);
    await api(replicas[1], 'admin').post('/admin/projections/rebuild').expect(200);
    expect(await views(replicas[0])).toEqual(first);
  });
});
