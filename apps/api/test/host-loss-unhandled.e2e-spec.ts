import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually } from './support/eventually';
import { TestStack } from './support/test-stack';

/**
 * A control plane that records a host's disconnection and stops before it handles what the disconnection
 * leaves behind (its operations ended, its lost VMs powered off) must not leave that undone: the next control
 * plane handles it before it continues anything of the host, and the operation ends the way the host ended it.
 */
describe('a host loss recorded by a control plane that died before handling it (e2e)', () => {
  let stack: TestStack;
  let db: Client;
  const pathOf = (datastore: string, fileName: string) => join(stack.dataDir, 'datastores', datastore, fileName);
  const typesIn = async (streamId: string) =>
    (await db.query<{ type: string }>(`SELECT type FROM events WHERE stream_id = $1 ORDER BY position`, [streamId])).rows.map((row) => row.type);

  beforeAll(async () => {
    stack = await TestStack.start({ controlPlane: 'process' });
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
    await stack.http().post('/datastores', { name: 'ds2', capacityGiB: 10 }).expect(201);
  }, 90_000);
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  }, 30_000);

  it('fails the relocation the stopped agent cut off, after the restart, before anything continues its copy', async () => {
    const spec = { name: 'svm-host-loss', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 512 }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body;
    const fileName: string = vm.disks[0].fileName;
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    const operationId: string = (await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds2', maxCopyMiBps: 32 }).expect(202)).body.operationId;
    await eventually(
      () => stack.http('viewer').get(`/operations/${operationId}`),
      ({ body }) => body.progress?.done >= body.progress?.total * 0.2,
      { what: 'the copy at 20 %', timeoutMs: 30_000, intervalMs: 100 },
    );

    // Every ending of the relocation is held inside its transaction: the control plane dies there, after the
    // disconnection was recorded and before anything it leaves behind was.
    await db.query(`CREATE FUNCTION hold_endings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'operation.failed' THEN PERFORM pg_sleep(30); END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER hold_endings BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION hold_endings()`);
    try {
      expect(await stack.agents.get('host-1')!.stop('SIGTERM')).toBe(0);
      await eventually(
        () => db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`),
        (result) => result.rows.length > 0,
        { what: 'the control plane inside the relocation\'s ending', intervalMs: 20, timeoutMs: 20_000 },
      );
      await stack.controlPlaneProcess.stop('SIGKILL');
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`);
    } finally {
      await db.query('DROP TRIGGER hold_endings ON events; DROP FUNCTION hold_endings()');
    }
    expect(await typesIn('host-host-1')).toContain('host.disconnected');
    expect(await typesIn('host-host-1')).not.toContain('host.loss-handled');
    expect((await typesIn(`operation-${operationId}`)).filter((type) => type === 'operation.failed')).toEqual([]);

    await stack.controlPlaneProcess.start();
    await stack.startAgent('host-1');
    const ended = await stack.waitForOperation(operationId, 60_000);
    expect({ state: ended.state, error: ended.error }).toEqual({
      state: 'failed',
      error: { code: 'HOST_DISCONNECTED', message: 'host host-1 was lost (agent-restarting) before the operation ended' },
    });
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({
      powerState: 'poweredOn',
      activeOperationId: null,
      disks: [{ datastoreId: 'ds-ds1', fileName }],
    });
    expect((await stack.http('viewer').get('/datastores/ds-ds2')).body.usedMiB).toBe(0);
    expect(existsSync(pathOf('ds1', fileName))).toBe(true);
    expect(existsSync(pathOf('ds2', fileName))).toBe(false);
    const hostEvents = await typesIn('host-host-1');
    expect(hostEvents.indexOf('host.loss-handled')).toBeGreaterThan(hostEvents.lastIndexOf('host.disconnected'));
    expect(hostEvents.indexOf('host.loss-handled')).toBeLessThan(hostEvents.lastIndexOf('host.connected'));
  }, 180_000);
});
