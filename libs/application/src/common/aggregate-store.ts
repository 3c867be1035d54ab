import { Inject, Injectable, Optional } from '@nestjs/common';
import { Decider, DomainEvent, RecordedEvent } from '@fsr/domain';
import { EventBus } from '@nestjs/cqrs';
import { LRUCache } from 'lru-cache';
import { AppendContext, EVENT_STORE, EventStore, StreamAppend } from '../ports/event-store.port';
import { NO_SNAPSHOTS, STREAM_SNAPSHOTS, StreamSnapshot, StreamSnapshots } from '../ports/stream-snapshots.port';
import { EventRecorded } from './event-recorded';
import { SnapshotKind, snapshotKey } from './snapshot-kinds';

export interface Loaded<State> {
  readonly state: State;
  /** Version of the stream's last event, -1 when the stream does not exist. */
  readonly version: number;
}

type Evolving<State> = Pick<Decider<State, never, DomainEvent>, 'initialState' | 'evolve'>;

/** A stream folded this far past its kept snapshot has a new one kept. */
export const SNAPSHOT_EVERY = 100;
/** States kept in memory, the streams used last; a state is a few hundred bytes. */
const CACHED_STATES = 20_000;

interface Cached extends StreamSnapshot {
  /** Version of the snapshot kept in the store, -1 for none. */
  readonly keptVersion: number;
}

/**
 * Loads aggregates by folding their streams, appends decisions and publishes what was recorded.
 * A load of a snapshotted kind starts from the state this process folded last, else from the kept
 * snapshot, and folds only the events after it: its cost does not grow with the stream's history. The
 * stream's version still comes from the store, so a state another replica moved on is caught up.
 */
@Injectable()
export class AggregateStore {
  private readonly cache = new LRUCache<string, Cached>({ max: CACHED_STATES });

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly eventBus: EventBus,
    @Optional() @Inject(STREAM_SNAPSHOTS) private readonly snapshots: StreamSnapshots = NO_SNAPSHOTS,
  ) {}

  async load<State>(decider: Evolving<State>, streamId: string, kind?: SnapshotKind): Promise<Loaded<State>> {
    if (!kind) return this.fold(decider, streamId, { version: -1, state: decider.initialState });
    const key = `${snapshotKey(kind)}:${streamId}`;
    const start = this.cache.get(key) ?? (await this.kept(streamId, kind));
    // The state was folded by this decider, of this kind: its type is State.
    const loaded = await this.fold(decider, streamId, { version: start?.version ?? -1, state: (start?.state ?? decider.initialState) as State });
    const keptVersion = start?.keptVersion ?? -1;
    if (loaded.version - keptVersion >= SNAPSHOT_EVERY) {
      this.cache.set(key, { ...loaded, keptVersion: loaded.version });
      // A snapshot not written costs the next load more events, nothing else.
      void this.snapshots.write(streamId, snapshotKey(kind), loaded).catch(() => this.cache.set(key, { ...loaded, keptVersion }));
    } else if (loaded.version >= 0) {
      this.cache.set(key, { ...loaded, keptVersion });
    }
    return loaded;
  }

  async append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]> {
    const nonEmpty = appends.filter((append) => append.events.length > 0);
    if (nonEmpty.length === 0) return [];
    const recorded = await this.events.append(nonEmpty, context);
    this.eventBus.publishAll(recorded.map((event) => new EventRecorded(event)));
    return recorded;
  }

  private async kept(streamId: string, kind: SnapshotKind): Promise<Cached | undefined> {
    const snapshot = await this.snapshots.read(streamId, snapshotKey(kind)).catch(() => null);
    return snapshot ? { ...snapshot, keptVersion: snapshot.version } : undefined;
  }

  private async fold<State>(decider: Evolving<State>, streamId: string, from: Loaded<State>): Promise<Loaded<State>> {
    const recorded = await this.events.readStream(streamId, from.version >= 0 ? { afterVersion: from.version } : {});
    const state = recorded.reduce<State>((current, event) => decider.evolve(current, { type: event.type, data: event.data }), from.state);
    return { state, version: recorded.length === 0 ? from.version : recorded[recorded.length - 1].streamVersion };
  }
}

export const lastPosition = (recorded: readonly RecordedEvent[]): bigint | null =>
  recorded.length === 0 ? null : recorded[recorded.length - 1].position;
