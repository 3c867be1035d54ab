import { createTestPglite, createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { PrismaEventStore } from '../event-store/prisma-event-store';
import { Database } from '../persistence/migrated-database';
import { openDatabase } from '../persistence/database';
import * as e from '../projections/scenario-events.fixture';
import { Projector } from '../projections/projector';
import { ScenarioWriter } from '../projections/scenario-writer.fixture';
import { HostQueries } from './host.queries';
import { OperationQueries } from './operation.queries';
import { ReadModelCache } from './read-model-cache';
import { VmQueries } from './vm.queries';

type Replica = Pick<Database, 'prisma' | 'readModelsVersion'>;

/** One replica's view of the database: its own event store, projector and cached queries. */
function replica(database: Replica) {
  const store = new PrismaEventStore(database.prisma);
  const cache = new ReadModelCache(database.readModelsVersion);
  return {
    writer: new ScenarioWriter(store),
    projector: new Projector(database.prisma, store),
    vms: new VmQueries(database.prisma, store, cache),
    hosts: new HostQueries(database.prisma, cache),
    operations: new OperationQueries(database.prisma, cache),
  };
}

async function recordInventory(writer: ScenarioWriter, projector: Projector): Promise<void> {
  await writer.record(['host-h1', [{ type: 'host.registered', data: { hostId: 'h1', name: 'esx-01' } }, e.hostConnected('h1', 'a1')]]);
  await writer.record(['datastore-ds1', [e.datastoreCreated('ds1', 'fast', 100)]]);
  await writer.record(['vm-vm1', [e.vmCreated('vm1', 'web', e.hardware(2, 2048, 'ds1', 'vm1'))]], ['datastore-ds1', [e.diskSpace('allocated', 'ds1', 'vm1')]]);
  await projector.catchUp();
}

describe('read-model cache across two replicas of one PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let second: Database;
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    second = await openDatabase({ databaseUrl: database.url, dataDir: '' });
    a = replica(database);
    b = replica(second);
    await recordInventory(b.writer, b.projector);
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await database?.drop();
  });

  it('answers a repeated read from the cache while nothing is projected', async () => {
    const first = await a.vms.get('vm1');
    expect(await a.vms.get('vm1')).toBe(first);
    expect((await a.vms.page({}, { limit: 10 })).items.map((vm) => vm.id)).toEqual(['vm1']);
  });

  it("sees at once what the other replica projected: a power-on, the host's memory, a new operation", async () => {
    const cachedVm = await a.vms.get('vm1');
    const cachedHost = await a.hosts.get('h1');
    await b.writer.record(['host-h1', [e.memoryCommitted('h1', 'vm1', 2048)]], ['vm-vm1', [e.vmPoweredOn('vm1', 2048)]]);
    await b.writer.record(['operation-op1', [e.operationRequested('op1', 'vm1', 'hot-add', e.hardware(2, 2048, 'ds1', 'vm1'), e.hardware(4, 2048, 'ds1', 'vm1'))]]);
    await b.projector.catchUp();

    expect(cachedVm.powerState).toBe('poweredOff');
    expect((await a.vms.get('vm1')).powerState).toBe('poweredOn');
    expect(cachedHost.used.memoryMiB).toBe(0);
    expect((await a.hosts.get('h1')).used.memoryMiB).toBe(2048);
    expect((await a.operations.get('op1')).state).toBe('queued');
    expect((await a.operations.page({ vmId: 'vm1' }, {})).items.map((operation) => operation.id)).toEqual(['op1']);
  });

  it('drops what it kept when the other replica rebuilds the views at the same position', async () => {
    // A view row changed behind the projections' back, as a fixed projection would change it on its next rebuild.
    await database.prisma.vmView.update({ where: { id: 'vm1' }, data: { name: 'not-from-the-log' } });
    const names = async () => (await a.vms.page({ powerState: 'poweredOn' }, { limit: 5 })).items.map((vm) => vm.name);
    expect(await names()).toEqual(['not-from-the-log']);
    await b.projector.rebuild();
    expect(await names()).toEqual(['web']);
  });

  it('still answers not-found for what does not exist, and keeps no such answer', async () => {
    await expect(a.vms.get('vm2')).rejects.toMatchObject({ code: 'VM_NOT_FOUND' });
    await b.writer.record(['vm-vm2', [e.vmCreated('vm2', 'db', e.hardware(2, 1024, 'ds1', 'vm2'))]]);
    await b.projector.catchUp();
    expect((await a.vms.get('vm2')).name).toBe('db');
  });
});

describe('read-model cache on embedded PGlite', () => {
  let database: Database;
  let one: ReturnType<typeof replica>;

  beforeAll(async () => {
    database = await createTestPglite();
    one = replica(database);
    await recordInventory(one.writer, one.projector);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('answers from the cache until its own projector moves, then reads the change', async () => {
    const first = await one.vms.get('vm1');
    expect(await one.vms.get('vm1')).toBe(first);
    await one.writer.record(['host-h1', [e.memoryCommitted('h1', 'vm1', 2048)]], ['vm-vm1', [e.vmPoweredOn('vm1', 2048)]]);
    await one.projector.catchUp();
    expect((await one.vms.get('vm1')).powerState).toBe('poweredOn');
  });

  it('drops what it kept when the views are rebuilt (one row at a time on PGlite), even back at the same position', async () => {
    await database.prisma.vmView.update({ where: { id: 'vm1' }, data: { name: 'not-from-the-log' } });
    const names = async () => (await one.vms.page({ powerState: 'poweredOn' }, { limit: 5 })).items.map((vm) => vm.name);
    expect(await names()).toEqual(['not-from-the-log']);
    await new Projector(database.prisma, new PrismaEventStore(database.prisma), { atomicRebuild: false }).rebuild();
    expect(await names()).toEqual(['web']);
  });
});
