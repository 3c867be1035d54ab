import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';
import { context, event, newId } from './contract-fixtures';

jest.setTimeout(30_000);

// A fresh database per file; each test starts from an empty log.
let database: TestPostgresDatabase;
beforeAll(async () => {
  database = await createTestPostgresDatabase();
});
afterAll(() => database.drop());

describeEventStoreContract('PrismaEventStore on PostgreSQL', async (clock) => {
  await database.prisma.$executeRaw`TRUNCATE events RESTART IDENTITY`;
  return { store: new PrismaEventStore(database.prisma, { clock }) };
});

it('writes one row of the events table per event, with its stream, version and type', async () => {
  await database.prisma.$executeRaw`TRUNCATE events RESTART IDENTITY`;
  const streamId = `vm-${newId()}`;
  const store = new PrismaEventStore(database.prisma);
  await store.append([{ streamId, expectedVersion: -1, events: [event('vm.created'), event('vm.powered-on')] }], context);
  const rows = await database.prisma.event.findMany({ orderBy: { position: 'asc' } });
  expect(rows.map((row) => [row.position, row.streamId, row.streamVersion, row.type])).toEqual([
    [1n, streamId, 0, 'vm.created'],
    [2n, streamId, 1, 'vm.powered-on'],
  ]);
});
