import { createTestPglite, createTestPostgresDatabase } from '@fsr/testing';
import { PrismaClient } from '../prisma/generated/client';
import { isUniqueViolation } from './unique-violation';

jest.setTimeout(30_000);

const insertEvent = (prisma: PrismaClient) =>
  prisma.$executeRaw`INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at)
    VALUES ('vm-1', 0, 't', '{}', '{}', '{}', 'a', now())`;

const failureOf = (work: Promise<unknown>) => work.then(() => new Error('did not fail'), (error: unknown) => error);

describe.each([
  ['PostgreSQL', async () => { const db = await createTestPostgresDatabase(); return { prisma: db.prisma, close: () => db.drop() }; }],
  ['PGlite', createTestPglite],
])('isUniqueViolation on errors from %s', (_name, open) => {
  let database: { prisma: PrismaClient; close(): Promise<void> };
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('recognises a duplicate stream version, as Prisma reports it for raw SQL', async () => {
    await insertEvent(database.prisma);
    expect(isUniqueViolation(await failureOf(insertEvent(database.prisma)))).toBe(true);
  });

  it('does not mistake other database errors for one', async () => {
    const error = await failureOf(database.prisma.$executeRaw`INSERT INTO events (stream_id) VALUES ('vm-2')`);
    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(false);
  });
});
