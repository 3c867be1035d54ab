import { Client } from 'pg';
import { eventually } from './support/eventually';
import { heldByAgent, hotAddCaughtInPrepare, runningVm, startHotAdd, untilSwitchoverStarted } from './support/fault-scenario';
import { KEYS, TestStack } from './support/test-stack';

/**
 * Fault 1: the control plane is SIGKILLed while an operation runs, then started again on the same
 * database and Redis. The host agent keeps running; recovery asks it what it holds.
 */
describe('control plane killed during an operation (e2e)', () => {
  let stack: TestStack;

  const restart = async () => {
    await stack.controlPlaneProcess.stop('SIGKILL');
    await stack.controlPlaneProcess.start();
  };

  beforeAll(async () => {
    stack = await TestStack.start({ controlPlane: 'process', env: { LOG_LEVEL: 'info' } });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 });
  }, 90_000);
  afterAll(() => stack?.close());

  it('finishes a switch-over whose destination the agent resumed while the control plane was dead', async () => {
    const vm = await runningVm(stack);
    await stack.injectSegmentFault(vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const operationId = await startHotAdd(stack, vm.id, { memoryMiB: 2048 });
    await untilSwitchoverStarted(stack, vm.id, operationId);

    await restart();

    const operation = await stack.waitForOperation(operationId);
    expect(operation).toMatchObject({ state: 'succeeded', checksum: expect.any(String) });
    expect(operation.stunMs).toBeGreaterThan(0);
    expect((await stack.http().get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 2048, activeOperationId: null });
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(2048 * 256);
    expect(memory.conflictingMpns).toBe(0);
    const history = (await stack.http().get(`/vms/${vm.id}/history?operationId=${operationId}&type=operation.succeeded`)).body;
    expect(history.items[0].actor).toBe('system:recovery');
  }, 60_000);

  it('continues an operation caught in its prepare: the restarted process asks the agent, takes the destination it prepared and switches over', async () => {
    const vm = await runningVm(stack);
    const operationId = await hotAddCaughtInPrepare(stack, vm.id, { memoryMiB: 2048 }, () => stack.controlPlaneProcess.stop('SIGKILL'));
    await stack.controlPlaneProcess.start();

    const operation = await stack.waitForOperation(operationId);
    expect(operation).toMatchObject({ state: 'succeeded', checksum: expect.any(String) });
    expect(operation.stunMs).toBeGreaterThan(0);
    expect((await stack.http().get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 2048, powerState: 'poweredOn', activeOperationId: null });
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(2048 * 256);
    expect(memory.conflictingMpns).toBe(0);
    const prepares = (await stack.http().get(`/vms/${vm.id}/history?operationId=${operationId}&type=operation.prepare-sent`)).body.items;
    expect(prepares.map((item: { data: { epoch: number } }) => item.data.epoch)).toEqual([1]);
    expect((await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 3072 })).status).toBe(202);
  }, 60_000);

  it('runs the retry of a keyed request the crash cut off, instead of answering 409 IDEMPOTENCY_KEY_IN_USE for ever', async () => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const createDatastore = () =>
      fetch(`${stack.controlPlaneProcess.url}/api/v1/datastores`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json', 'Idempotency-Key': 'cut-off-by-a-crash' },
        body: JSON.stringify({ name: 'ds-cut-off', capacityGiB: 1 }),
      });
    try {
      // Appends wait on the lock, so the request is caught between claiming its key and answering.
      await db.query('BEGIN');
      await db.query('LOCK TABLE events IN EXCLUSIVE MODE');
      const cutOff = createDatastore().catch(() => undefined);
      await eventually(
        () => db.query(`SELECT status_code FROM idempotency_records WHERE key LIKE '%:cut-off-by-a-crash'`),
        (result) => result.rows.length === 1 && result.rows[0].status_code === 0,
        { what: 'the keyed request to be running' },
      );
      await stack.controlPlaneProcess.stop('SIGKILL');
      await cutOff;
      // The killed process's sessions would notice their closed sockets only once the lock is free.
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await db.query('ROLLBACK');
      await stack.controlPlaneProcess.start();

      const retry = await createDatastore();
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      const replay = await createDatastore();
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const created = await db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'datastore.created' AND stream_id LIKE '%ds-cut-off'`);
      expect(created.rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  }, 60_000);

  it('never writes a key to its log, wherever the key came in', async () => {
    const { url } = stack.controlPlaneProcess;
    await fetch(`${url}/api/v1/vms`, { headers: { Authorization: `Bearer ${KEYS.viewer}` } });
    await fetch(`${url}/api/v1/vms/none`, { headers: { Authorization: `Bearer ${KEYS.operator}` } });
    await fetch(`${url}/api/v1/events/stream?access_token=${KEYS.admin}`, { signal: AbortSignal.timeout(500) }).catch(() => undefined);
    await fetch(`${url}/api/v1/hosts`, { headers: { Cookie: `fsr_session=${KEYS.admin}` } });
    await fetch(`${url}/api/v1/vms`, { method: 'POST', headers: { Authorization: `Bearer ${KEYS.operator}`, 'content-type': 'application/json' }, body: '{' });

    const log = await eventually(
      async () => stack.controlPlaneProcess.output.join(''),
      (text) => text.includes('/api/v1/hosts') && text.includes('/api/v1/events/stream'),
      { what: 'the request log lines' },
    );
    expect(log).toContain('[Redacted]');
    for (const key of Object.values(KEYS)) expect(log).not.toContain(key);
  });
});
