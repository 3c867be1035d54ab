import { DomainEvent, EventMetadata } from '@fsr/domain';
import { AppendContext, ConcurrencyError, StreamAppend } from '@fsr/application';
import { subjectsOf } from './default-subjects';

/** An event ready to be written: everything but its global position. */
export interface NewEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: DomainEvent['data'];
  readonly metadata: EventMetadata;
}

/** Version of each stream's last event; a stream that does not exist is absent. */
export type StreamVersions = ReadonlyMap<string, number>;

/**
 * Checks every expected version against `current` and numbers the events; throws ConcurrencyError
 * before anything is written. A stream may appear twice: the second append continues the first.
 */
export function planAppend(
  appends: readonly StreamAppend[],
  context: AppendContext,
  current: StreamVersions,
  occurredAt: Date,
): NewEvent[] {
  const versions = new Map(current);
  const planned: NewEvent[] = [];
  for (const append of appends) {
    const actual = versions.get(append.streamId) ?? -1;
    if (actual !== append.expectedVersion) {
      throw new ConcurrencyError(append.streamId, append.expectedVersion, actual === -1 ? null : actual);
    }
    append.events.forEach((event, index) => {
      planned.push({
        streamId: append.streamId,
        streamVersion: actual + 1 + index,
        type: event.type,
        // Stored as JSON: the in-memory store must not keep references the caller could still change.
        data: JSON.parse(JSON.stringify(event.data)) as DomainEvent['data'],
        metadata: {
          correlationId: context.correlationId,
          causationId: context.causationId,
          actor: context.actor,
          occurredAt: occurredAt.toISOString(),
          subjects: subjectsOf(append.streamId, event, append.subjects),
        },
      });
    });
    versions.set(append.streamId, actual + append.events.length);
  }
  return planned;
}
