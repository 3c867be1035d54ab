import { createTestPglite } from '@fsr/testing';
import { Database } from '../persistence/database';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';
import { context, event, newId } from './contract-fixtures';

jest.setTimeout(30_000);

// One in-memory PGlite per file (starting one takes seconds); each test starts from an empty log.
let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database.close());

describeEventStoreContract('PrismaEventStore on PGlite', async (clock) => {
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
