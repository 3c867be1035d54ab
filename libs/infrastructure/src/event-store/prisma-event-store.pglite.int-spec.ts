import { createTestPglite } from '@fsr/testing';
import { Database } from '../persistence/migrated-database';
import { describePrismaEventStore } from './prisma-event-store.contract';

jest.setTimeout(30_000);

// One in-memory PGlite per file (starting one takes seconds); each test starts from an empty log.
let database: Database;
beforeAll(async () => {
  database = await createTestPglite();
});
afterAll(() => database.close());

describePrismaEventStore('PrismaEventStore on PGlite', () => database.prisma);
