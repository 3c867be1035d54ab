import { DomainEvent, RecordedEvent } from '@fsr/domain';
import type { Fence } from './work-leases.port';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `-1` means the stream must not exist yet. */
export type ExpectedVersion = number;

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly DomainEvent[];
  /** Per-event subjects are merged with these when recording. */
  readonly subjects?: readonly string[];
}

export interface AppendContext {
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  /** Appends of a lease's holder: nothing is written unless the lease is still this token's (LeaseLostError). */
  readonly fence?: Fence;
}

export interface HistoryQuery {
  readonly subject: string;
  readonly types?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
  readonly actor?: string;
  readonly operationId?: string;
  /** Exclusive lower bound on the global position. */
  readonly after?: bigint;
  /** Exclusive upper bound on the global position. */
  readonly before?: bigint;
  /** By position; oldest first unless `desc`. */
  readonly order?: 'asc' | 'desc';
  readonly limit: number;
}

export interface ReadStreamOptions {
  readonly until?: Date;
  readonly afterVersion?: number;
}

export interface EventStore {
  /** Appends to one or more streams atomically; every expected version is checked or nothing is written. */
  append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]>;
  /** The stream's events in order: those recorded up to `until`, those after version `afterVersion`. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(after: bigint, limit: number): Promise<RecordedEvent[]>;
  readHistory(query: HistoryQuery): Promise<RecordedEvent[]>;
  lastPosition(): Promise<bigint>;
}

/** Thrown when a stream's version is not the expected one. */
export class ConcurrencyError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(`stream ${streamId} is at version ${actualVersion ?? 'none'}, expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The event store cannot be reached (database down or restarting). An append that fails so may or may
 * not have been committed: the stream's expected version makes trying it again safe.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  readonly kind = 'unavailable';
  constructor(cause: unknown) {
    super(`the event store cannot be reached: ${cause instanceof Error ? cause.message.trim().split('\n').pop() ?? '' : String(cause)}`, { cause });
    this.name = 'EventStoreUnavailableError';
  }
}
