import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { describePrismaEventStore } from './prisma-event-store.contract';

jest.setTimeout(30_000);

// A fresh database per file; each test starts from an empty log.
let database: TestPostgresDatabase;
beforeAll(async () => {
  database = await createTestPostgresDatabase();
});
afterAll(() => database.drop());

describePrismaEventStore('PrismaEventStore on PostgreSQL', () => database.prisma);
