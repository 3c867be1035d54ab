import { setTimeout as sleep } from 'node:timers/promises';
import { PrivatePostgres } from '@fsr/testing';
import { Client } from 'pg';
import { heldByAgent, readModels, runningVm, startHotAdd, streamsWithGaps, untilSwitchoverStarted } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

const OUTAGE_MS = 10_000;
const TERMINAL = ['succeeded', 'failed', 'cancelled', 'rolled-back'];

/**
 * Fault 4: the stack's own PostgreSQL is stopped for 10 s while switch-overs run. The API answers 503
 * meanwhile; afterwards every operation has ended as its host agent ended it, an agent started meanwhile
 * is connected, every stream's versions are contiguous and the read models equal a rebuild from the log.
 */
describe('PostgreSQL stopped for 10 s during operations (e2e)', () => {
  let postgres: PrivatePostgres;
  let stack: TestStack;


  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    stack = await TestStack.start({ postgresAdminUrl: postgres.adminUrl });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 });
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
    await postgres?.destroy();
  });

  it('answers 503 DATABASE_UNAVAILABLE while it is down, ends the switch-overs under way, and loses nothing', async () => {
    const inStun = await runningVm(stack);
    const preparing = await runningVm(stack);
    const before = await readModels(stack);
    await stack.injectSegmentFault(inStun.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const stalled = await startHotAdd(stack, inStun.id, { memoryMiB: 2048 });
    await untilSwitchoverStarted(stack, inStun.id, stalled);
    const second = await startHotAdd(stack, preparing.id, { memoryMiB: 3072 });

    await postgres.halt();
    try {
      for (const response of [
        await stack.http('viewer').get('/vms'),
        await stack.http('viewer').get(`/operations/${stalled}`),
        await stack.http('operator').post(`/vms/${preparing.id}/power`, { action: 'off' }),
        await stack.http('admin').post('/datastores', { name: 'ds2', capacityGiB: 1 }),
      ]) {
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      }
      stack.launchAgent('host-2');
      await sleep(OUTAGE_MS);
    } finally {
      await postgres.resume();
    }

    const ended = await Promise.all([stalled, second].map((id) => stack.waitForOperation(id, 60_000)));
    for (const operation of ended) expect(TERMINAL).toContain(operation.state);
    for (const [vm, operation] of [[inStun, ended[0]], [preparing, ended[1]]] as const) {
      const recorded = (await stack.http().get(`/vms/${vm.id}`)).body;
      expect(recorded.activeOperationId).toBeNull();
      expect(recorded.memoryMiB).toBe(operation.state === 'succeeded' ? operation.target.memoryMiB : operation.source.memoryMiB);
      const held = await heldByAgent(stack, vm.id);
      expect({ pages: held.vm.pages, conflictingMpns: held.memory.conflictingMpns }).toEqual({ pages: recorded.memoryMiB * 256, conflictingMpns: 0 });
    }
    expect(ended[0].state).toBe('succeeded');
    await stack.waitForHost('host-2', 'connected', 60_000);
    expect((await stack.http().get('/datastores')).body.map((ds: { name: string }) => ds.name)).toEqual(['ds1']);

    expect(await streamsWithGaps(stack.databaseUrl)).toEqual([]);
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const endings = await db.query(
        "SELECT stream_id, count(*)::int AS n FROM events WHERE type IN ('operation.succeeded', 'operation.failed', 'operation.rolled-back') GROUP BY stream_id",
      );
      expect(endings.rows.map((row) => row.n)).toEqual([1, 1]);
    } finally {
      await db.end();
    }
    const live = await readModels(stack);
    expect(live.vms).not.toEqual(before.vms);
    expect((await stack.http().post('/admin/projections/rebuild')).status).toBe(200);
    expect(await readModels(stack)).toEqual(live);
  }, 120_000);
});
