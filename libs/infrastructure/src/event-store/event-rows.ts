import { EventMetadata, RecordedEvent } from '@fsr/domain';
import { Prisma } from '../prisma/generated/client';
import { NewEvent } from './append-plan';

/** The columns every read selects, in the shape `$queryRaw` returns them. */
export interface EventRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: RecordedEvent['data'];
  readonly metadata: EventMetadata;
}

export const EVENT_COLUMNS = Prisma.sql`position, stream_id, stream_version, type, data, metadata`;

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  position: BigInt(row.position),
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
});

// PostgreSQL takes at most 65535 parameters per statement; each row binds 8.
export const MAX_ROWS_PER_INSERT = 5000;

/**
 * One multi-row INSERT. JSON goes as text cast to jsonb and times as ISO strings cast to timestamptz,
 * so neither driver adapter reformats them (a Date would lose its time zone on the way).
 */
export function insertEvents(events: readonly NewEvent[]): Prisma.Sql {
  const rows = events.map(
    (event) => Prisma.sql`(${event.streamId}, ${event.streamVersion}::int, ${event.type},
      ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(event.metadata)}::jsonb,
      ${[...event.metadata.subjects]}::text[], ${event.metadata.actor}, ${event.metadata.occurredAt}::timestamptz)`,
  );
  return Prisma.sql`INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at)
    VALUES ${Prisma.join(rows)} RETURNING position, stream_id, stream_version`;
}
