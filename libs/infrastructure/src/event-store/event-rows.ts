import { EventMetadata, RecordedEvent } from '@fsr/domain';
import { Prisma } from '../prisma/generated/client';
import { NewEvent } from './append-plan';
import { EventDataReader, readEventData } from './event-schemas/event-registry';

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

/** A row as an event, its data checked against its type's schema (and upcast from an older shape). */
export const toRecordedEvent = (row: EventRow, readData: EventDataReader = readEventData): RecordedEvent => ({
  position: BigInt(row.position),
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  type: row.type,
  data: readData(row.stream_id, row.stream_version, row.type, row.data),
  metadata: row.metadata,
});

/**
 * One multi-row INSERT whose rows travel as a single JSON parameter. Binding 8 parameters per row
 * instead makes Prisma's raw-query layer four times slower (about 67 ms for 1000 events, against
 * 17 ms this way and 31 ms for a raw `pg` multi-row VALUES insert). It also spares both driver
 * adapters any reformatting: times arrive as ISO strings with their zone.
 */
export function insertEvents(events: readonly NewEvent[]): Prisma.Sql {
  const rows = events.map((event) => ({
    stream_id: event.streamId,
    stream_version: event.streamVersion,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    subjects: event.metadata.subjects,
    actor: event.metadata.actor,
    occurred_at: event.metadata.occurredAt,
  }));
  return Prisma.sql`INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at)
    SELECT stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at
    FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS (stream_id text, stream_version int,
      type text, data jsonb, metadata jsonb, subjects text[], actor text, occurred_at timestamptz)) WITH ORDINALITY AS row
    ORDER BY row.ordinality
    RETURNING position, stream_id, stream_version`;
}
