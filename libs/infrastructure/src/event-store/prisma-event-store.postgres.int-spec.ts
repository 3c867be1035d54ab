import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';

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
