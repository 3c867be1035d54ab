import { HistoryQuery } from '@fsr/application';
import { Prisma } from '../prisma/generated/client';

// `subjects @> ARRAY[...]` rather than `= ANY(subjects)`: only containment can use the GIN index.
const hasSubject = (subject: string) => Prisma.sql`subjects @> ARRAY[${subject}]::text[]`;

/** `readHistory`'s filters as a WHERE condition (the SQL twin of history-matching.ts). */
export function historyCondition(query: HistoryQuery): Prisma.Sql {
  const conditions = [hasSubject(query.subject)];
  if (query.types !== undefined) conditions.push(Prisma.sql`type = ANY(${[...query.types]}::text[])`);
  if (query.from !== undefined) conditions.push(Prisma.sql`occurred_at >= ${query.from.toISOString()}::timestamptz`);
  if (query.to !== undefined) conditions.push(Prisma.sql`occurred_at <= ${query.to.toISOString()}::timestamptz`);
  if (query.actor !== undefined) conditions.push(Prisma.sql`actor = ${query.actor}`);
  if (query.operationId !== undefined) {
    const id = query.operationId;
    conditions.push(
      Prisma.sql`(metadata->>'operationId' = ${id} OR data->>'operationId' = ${id} OR ${hasSubject(`operation:${id}`)})`,
    );
  }
  if (query.after !== undefined) conditions.push(Prisma.sql`position > ${query.after}::bigint`);
  if (query.before !== undefined) conditions.push(Prisma.sql`position < ${query.before}::bigint`);
  return Prisma.join(conditions, ' AND ');
}
