import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { Prisma } from '../prisma/generated/client';
import { historyCondition } from './history-sql';

let database: TestPostgresDatabase;
beforeAll(async () => {
  database = await createTestPostgresDatabase();
});
afterAll(() => database.drop());

it('finds history through the GIN index on events.subjects', async () => {
  const plan = await database.prisma.$transaction(async (tx) => {
    // Planned as if the table were large: on a nearly empty one a sequential scan always wins.
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    const condition = historyCondition({ subject: 'vm:1', operationId: 'op-1', limit: 10 });
    return tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN SELECT position FROM events WHERE ${condition}`);
  });
  expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('events_subjects_idx');
});
