import { RecordedEvent } from '@fsr/domain';
import { AppendContext, EventStore, HistoryQuery, ReadStreamOptions, StreamAppend } from '@fsr/application';
import { planAppend } from './append-plan';
import { checkBeforeAppend, EventDataReader, readEventData } from './event-schemas/event-registry';
import { matchesHistoryQuery } from './history-matching';

export interface EventStoreOptions {
  /** When events occur; tests pass a controllable clock. */
  readonly clock?: () => Date;
  /** How the data of each event read back is checked (and upcast); the domain's event registry unless told. */
  readonly readData?: EventDataReader;
}

/** The EventStore port in memory, with the Prisma store's semantics: for fast tests of handlers. */
export class InMemoryEventStore implements EventStore {
  private readonly events: RecordedEvent[] = [];
  private readonly clock: () => Date;
  private readonly readData: EventDataReader;

  constructor(options: EventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.readData = options.readData ?? readEventData;
  }

  // No await between the version check and the push: concurrent appends are serialised by the event loop.
  async append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]> {
    const planned = planAppend(appends, context, this.currentVersions(appends), this.clock());
    checkBeforeAppend(planned, this.readData);
    const recorded = planned.map((event, index) => ({ ...event, position: this.lastPositionNow() + 1n + BigInt(index) }));
    this.events.push(...recorded);
    return recorded.map(copy);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const until = options.until?.getTime();
    const after = options.afterVersion ?? -1;
    return this.events
      .filter((event) => event.streamId === streamId && event.streamVersion > after)
      .filter((event) => until === undefined || Date.parse(event.metadata.occurredAt) <= until)
      .sort((a, b) => a.streamVersion - b.streamVersion)
      .map(copy);
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    return this.events
      .filter((event) => event.position > after)
      .slice(0, Math.max(limit, 0))
      .map(copy);
  }

  async readHistory(query: HistoryQuery): Promise<RecordedEvent[]> {
    const matching = this.events.filter((event) => matchesHistoryQuery(event, query));
    return (query.order === 'desc' ? matching.reverse() : matching)
      .slice(0, Math.max(query.limit, 0))
      .map(copy);
  }

  async lastPosition(): Promise<bigint> {
    return this.lastPositionNow();
  }

  private lastPositionNow(): bigint {
    return this.events.at(-1)?.position ?? 0n;
  }

  private currentVersions(appends: readonly StreamAppend[]): Map<string, number> {
    const wanted = new Set(appends.map((append) => append.streamId));
    const versions = new Map<string, number>();
    for (const event of this.events) {
      if (wanted.has(event.streamId)) versions.set(event.streamId, event.streamVersion);
    }
    return versions;
  }
}

const copy = (event: RecordedEvent): RecordedEvent => structuredClone(event);
