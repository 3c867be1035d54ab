import { createTestPglite, createTestPostgresDatabase } from '@fsr/testing';
import { Database } from '../persistence/migrated-database';
import { PrismaEventStore } from '../event-store/prisma-event-store';
import { playScenario } from './projection-scenario.fixture';
import { Projector } from './projector';
import { ScenarioWriter } from './scenario-writer.fixture';

type Prisma = Database['prisma'];
type Opened = { prisma: Prisma; close(): Promise<void> };

async function openPostgres(): Promise<Opened> {
  const database = await createTestPostgresDatabase();
  return { prisma: database.prisma, close: () => database.drop() };
}

const databases: [string, () => Promise<Opened>][] = [
  ['PostgreSQL', openPostgres],
  ['PGlite', createTestPglite],
];

async function snapshot(prisma: Prisma) {
  const orderById = { orderBy: { id: 'asc' as const } };
  return {
    hosts: await prisma.hostView.findMany(orderById),
    datastores: await prisma.datastoreView.findMany(orderById),
    vms: await prisma.vmView.findMany(orderById),
    operations: await prisma.operationView.findMany(orderById),
    checkpoints: await prisma.projectionCheckpoint.findMany({ orderBy: { name: 'asc' }, select: { name: true, position: true } }),
  };
}

describe.each(databases)('projection rebuild (%s)', (_name, open) => {
  let database: Opened;
  let store: PrismaEventStore;
  let lastPosition: bigint;
  let live: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    database = await open();
    store = new PrismaEventStore(database.prisma);
    const projector = new Projector(database.prisma, store, { batchSize: 3 });
    await playScenario(new ScenarioWriter(store), () => projector.catchUp());
    lastPosition = await store.lastPosition();
    live = await snapshot(database.prisma);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('projects the scenario incrementally into the views', () => {
    expect(live.checkpoints).toEqual([{ name: 'read-models', position: lastPosition }]);
    expect(live.hosts.map((h) => [h.id, h.connectionState, h.maintenance, h.usedMemoryMiB, h.agentInstanceId, h.numaNodes])).toEqual([
      ['h1', 'connected', false, 4096, 'a1', 1],
      ['h2', 'connected', true, 0, 'a3', 2],
    ]);
    expect(live.datastores.map((d) => [d.id, d.usedMiB])).toEqual([
      ['ds1', 512],
      ['ds2', 0],
    ]);
    expect(live.vms).toHaveLength(1);
    expect(live.vms[0]).toMatchObject({ id: 'vm1', powerState: 'poweredOn', vcpus: 4, memoryMiB: 4096, powerOnMemoryMiB: 2048, activeOperationId: null });
    expect(live.operations.map((o) => [o.id, o.state, (o.progress as { done: number }).done])).toEqual([
      ['op1', 'succeeded', 524288],
      ['op2', 'rolled-back', 131072],
      ['op3', 'cancelled', 0],
    ]);
  });

  it('rebuilds exactly the same views from the log', async () => {
    const rebuilds = async () => (await database.prisma.projectionCheckpoint.findUniqueOrThrow({ where: { name: 'read-models' } })).rebuilds;
    const before = await rebuilds();
    const result = await new Projector(database.prisma, store, { batchSize: 7 }).rebuild();
    expect(result).toMatchObject({ rebuiltEvents: Number(lastPosition), position: lastPosition });
    expect(await snapshot(database.prisma)).toEqual(live);
    expect(await rebuilds()).toBe(before + 1);
  });

  it('counts every event once when two projectors catch up at the same time', async () => {
    await database.prisma.$transaction([
      database.prisma.hostView.deleteMany(),
      database.prisma.datastoreView.deleteMany(),
      database.prisma.vmView.deleteMany(),
      database.prisma.operationView.deleteMany(),
      database.prisma.projectionCheckpoint.updateMany({ data: { position: 0n } }),
    ]);
    const first = new Projector(database.prisma, store, { batchSize: 2 });
    const second = new Projector(database.prisma, store, { batchSize: 5 });
    await Promise.all([first.catchUp(), second.catchUp(), first.catchUp()]);
    expect(await snapshot(database.prisma)).toEqual(live);
  });

  it('resolves waitUntil once the views include a position', async () => {
    const projector = new Projector(database.prisma, store);
    const writer = new ScenarioWriter(store);
    const position = await writer.record([
      'datastore-ds3',
      [{ type: 'datastore.created', data: { datastoreId: 'ds3', name: 'third', capacityGiB: 1, path: '/data/ds/third' } }],
    ]);
    await expect(projector.waitUntil(position)).resolves.toBe(true);
    expect(projector.checkpoint).toBe(position);
    expect(await database.prisma.datastoreView.findUnique({ where: { id: 'ds3' } })).toMatchObject({ usedMiB: 0, version: 0 });
  });
});

describe('projection rebuild beside the live views (PostgreSQL)', () => {
  let database: Opened;
  let store: PrismaEventStore;

  beforeAll(async () => {
    database = await openPostgres();
    store = new PrismaEventStore(database.prisma);
    const projector = new Projector(database.prisma, store, { batchSize: 3 });
    await playScenario(new ScenarioWriter(store), () => projector.catchUp());
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('keeps serving the views as they were while a rebuild runs, then the rebuilt ones', async () => {
    const live = await snapshot(database.prisma);
    const counts = async () => [await database.prisma.hostView.count(), await database.prisma.vmView.count(), await database.prisma.operationView.count()];
    const expected = [live.hosts.length, live.vms.length, live.operations.length];
    const seen: number[][] = [];
    let done = false;
    const rebuilt = new Projector(database.prisma, store, { batchSize: 1 }).rebuild().finally(() => (done = true));
    while (!done) seen.push(await counts());
    await rebuilt;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((observed) => observed.join() !== expected.join())).toEqual([]);
    expect(await snapshot(database.prisma)).toEqual(live);
  });
});
