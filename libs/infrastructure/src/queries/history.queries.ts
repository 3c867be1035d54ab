import { EventStore } from '@fsr/application';
import { DatastoreNotFoundError, HostNotFoundError, RecordedEvent, VmNotFoundError } from '@fsr/domain';
import { decodeCursor, encodeCursor } from './history-cursor';
import { EventLogItemDto, EventLogPageDto, HistoryItemDto, HistoryPageDto } from './read-model.dtos';

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 500;

export interface HistoryFilter {
  readonly types?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
  readonly actor?: string;
  readonly operationId?: string;
  readonly cursor?: string;
  readonly limit?: number;
  readonly order?: 'asc' | 'desc';
}

export const toHistoryItem = (event: RecordedEvent): HistoryItemDto => ({
  position: Number(event.position),
  streamVersion: event.streamVersion,
  type: event.type,
  occurredAt: event.metadata.occurredAt,
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  data: event.data,
});

export const toEventLogItem = (event: RecordedEvent): EventLogItemDto => ({ ...toHistoryItem(event), streamId: event.streamId });

/** The cursor is the last position of the previous page, a lower bound oldest first and an upper one newest first. */
function cursorBound({ cursor, order }: HistoryFilter): { after?: bigint; before?: bigint } {
  if (cursor === undefined) return {};
  return order === 'desc' ? { before: decodeCursor(cursor) } : { after: decodeCursor(cursor) };
}

const clampLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? DEFAULT_HISTORY_LIMIT, 1), MAX_HISTORY_LIMIT);

/** The audit trail of an entity and the global log, straight from the event store (oldest first). */
export class HistoryQueries {
  constructor(private readonly events: EventStore) {}

  /** @throws VmNotFoundError when no event ever concerned the VM */
  vmHistory(vmId: string, filter: HistoryFilter): Promise<HistoryPageDto> {
    return this.history(`vm:${vmId}`, filter, () => new VmNotFoundError(vmId));
  }

  /** @throws HostNotFoundError when no event ever concerned the host */
  hostHistory(hostId: string, filter: HistoryFilter): Promise<HistoryPageDto> {
    return this.history(`host:${hostId}`, filter, () => new HostNotFoundError(hostId));
  }

  /** @throws DatastoreNotFoundError when no event ever concerned the datastore */
  datastoreHistory(datastoreId: string, filter: HistoryFilter): Promise<HistoryPageDto> {
    return this.history(`datastore:${datastoreId}`, filter, () => new DatastoreNotFoundError(datastoreId));
  }

  /** After `after`, or after the position a `cursor` names. */
  async eventLog(after: bigint, limit?: number, cursor?: string): Promise<EventLogPageDto> {
    const from = cursor === undefined ? after : decodeCursor(cursor);
    const events = await this.events.readAll(from, clampLimit(limit));
    const last = events.at(-1)?.position ?? from;
    const full = events.length === clampLimit(limit);
    return { items: events.map(toEventLogItem), nextAfter: Number(last), nextCursor: full ? encodeCursor(last) : null };
  }

  private async history(subject: string, filter: HistoryFilter, notFound: () => Error): Promise<HistoryPageDto> {
    const limit = clampLimit(filter.limit);
    const events = await this.events.readHistory({
      subject,
      types: filter.types?.length ? filter.types : undefined,
      from: filter.from,
      to: filter.to,
      actor: filter.actor,
      operationId: filter.operationId,
      ...cursorBound(filter),
      order: filter.order,
      limit: limit + 1,
    });
    if (events.length === 0 && !(await this.exists(subject))) throw notFound();
    const page = events.slice(0, limit);
    const more = events.length > limit;
    return { items: page.map(toHistoryItem), nextCursor: more ? encodeCursor(page[page.length - 1].position) : null };
  }

  private async exists(subject: string): Promise<boolean> {
    return (await this.events.readHistory({ subject, limit: 1 })).length > 0;
  }
}
