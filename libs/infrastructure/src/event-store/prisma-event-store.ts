import { RecordedEvent } from '@fsr/domain';
import { AppendContext, ConcurrencyError, EventStore, EventStoreUnavailableError, HistoryQuery, ReadStreamOptions, StreamAppend } from '@fsr/application';
import { isDatabaseUnavailable } from '../persistence/database-unavailable';
import { Prisma, PrismaClient } from '../prisma/generated/client';
import { NewEvent, planAppend } from './append-plan';
import { EVENT_COLUMNS, EventRow, insertEvents, toRecordedEvent } from './event-rows';
import { checkBeforeAppend, EventDataReader, readEventData } from './event-schemas/event-registry';
import { historyCondition } from './history-sql';
import type { EventStoreOptions } from './in-memory-event-store';
import { isUniqueViolation } from './unique-violation';
import { checkFence } from '../leases/prisma-work-leases';

/**
 * Held by every append from before its rows draw positions until it commits, so positions become
 * visible in order: a reader following `position` never skips a row that commits later. (An arbitrary
 * key, distinct from Prisma's migration lock.)
 */
export const EVENT_APPEND_LOCK_KEY = 7_305_042_101n;

// Appends queue on the lock; the defaults (2 s to start, 5 s to finish) are too tight under load.
const APPEND_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

type Queryable = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

/** The EventStore port on PostgreSQL or PGlite through Prisma: one transaction and one INSERT per append. */
export class PrismaEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly readData: EventDataReader;

  constructor(
    private readonly prisma: PrismaClient,
    options: EventStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.readData = options.readData ?? readEventData;
  }

  async append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_APPEND_LOCK_KEY}::bigint)`;
        if (context.fence) await checkFence(tx, context.fence);
        const versions = await currentVersions(tx, appends);
        const planned = planAppend(appends, context, versions, this.clock());
        checkBeforeAppend(planned, this.readData);
        return insert(tx, planned);
      }, APPEND_TRANSACTION);
    } catch (error) {
      // Only a writer that bypasses the lock can get here; the stream it raced on is not reported.
      if (isUniqueViolation(error)) throw new ConcurrencyError(appends[0].streamId, appends[0].expectedVersion, null);
      throw unavailableOr(error);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const until = options.until ? Prisma.sql`AND occurred_at <= ${options.until.toISOString()}::timestamptz` : Prisma.empty;
    const after = options.afterVersion === undefined ? Prisma.empty : Prisma.sql`AND stream_version > ${options.afterVersion}`;
    return this.read(Prisma.sql`WHERE stream_id = ${streamId} ${until} ${after} ORDER BY stream_version`);
  }

  readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    return this.read(Prisma.sql`WHERE position > ${after}::bigint ORDER BY position LIMIT ${rowLimit(limit)}`);
  }

  readHistory(query: HistoryQuery): Promise<RecordedEvent[]> {
    const order = query.order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    return this.read(Prisma.sql`WHERE ${historyCondition(query)} ORDER BY position ${order} LIMIT ${rowLimit(query.limit)}`);
  }

  async lastPosition(): Promise<bigint> {
    const [row] = await this.query<[{ position: bigint }]>(Prisma.sql`SELECT COALESCE(MAX(position), 0) AS position FROM events`);
    return BigInt(row.position);
  }

  private async read(where: Prisma.Sql): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow[]>(Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events ${where}`);
    return rows.map((row) => toRecordedEvent(row, this.readData));
  }

  private async query<T>(sql: Prisma.Sql): Promise<T> {
    try {
      return await this.prisma.$queryRaw<T>(sql);
    } catch (error) {
      throw unavailableOr(error);
    }
  }
}

const unavailableOr = (error: unknown): unknown => (isDatabaseUnavailable(error) ? new EventStoreUnavailableError(error) : error);

const rowLimit = (limit: number) => Math.max(0, Math.floor(limit));

async function currentVersions(tx: Queryable, appends: readonly StreamAppend[]): Promise<Map<string, number>> {
  const streamIds = [...new Set(appends.map((append) => append.streamId))];
  // The last version read off the (stream_id, stream_version) index, not a MAX over the stream's every row.
  const rows = await tx.$queryRaw<{ stream_id: string; version: number | null }[]>`
    SELECT s.stream_id,
      (SELECT stream_version FROM events e WHERE e.stream_id = s.stream_id ORDER BY stream_version DESC LIMIT 1) AS version
    FROM unnest(${streamIds}::text[]) AS s(stream_id)`;
  return new Map(rows.flatMap((row) => (row.version === null ? [] : [[row.stream_id, row.version] as const])));
}

async function insert(tx: Queryable, events: readonly NewEvent[]): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx.$queryRaw<{ position: bigint; stream_id: string; stream_version: number }[]>(insertEvents(events));
  const positions = new Map(rows.map((row) => [`${row.stream_version}:${row.stream_id}`, BigInt(row.position)]));
  return events.map((event) => ({ ...event, position: positions.get(`${event.streamVersion}:${event.streamId}`)! }));
}
