import { createTestPglite } from '@fsr/testing';
import { Database } from '../persistence/database';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';

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
