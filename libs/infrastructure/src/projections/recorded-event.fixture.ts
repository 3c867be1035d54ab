import { DomainEvent, RecordedEvent } from '@fsr/domain';

let nextPosition = 1n;

/** A recorded event for tests of projections; times advance one second per stream version. */
export function recorded<E extends DomainEvent>(
  event: E,
  streamVersion: number,
  overrides: { streamId?: string; occurredAt?: string; position?: bigint } = {},
): RecordedEvent<E> {
  return {
    position: overrides.position ?? nextPosition++,
    streamId: overrides.streamId ?? 'stream-1',
    streamVersion,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: 'correlation-1',
      causationId: null,
      actor: 'test',
      occurredAt: overrides.occurredAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, streamVersion)).toISOString(),
      subjects: [],
    },
  };
}
