import { DomainEvent } from '@fsr/domain';
import { StreamAppend } from '../ports/event-store.port';
import { Loaded } from './aggregate-store';

/** A decision on one loaded aggregate, appended at the version it was loaded at (or the client's If-Match). */
export function appendTo(
  streamId: string,
  loaded: Pick<Loaded<unknown>, 'version'>,
  events: readonly DomainEvent[],
  subjects: readonly string[],
  clientExpectedVersion?: number,
): StreamAppend {
  return { streamId, expectedVersion: clientExpectedVersion ?? loaded.version, events, subjects };
}

/** A decision creating a new stream. */
export const appendNew = (streamId: string, events: readonly DomainEvent[], subjects: readonly string[]): StreamAppend => ({
  streamId,
  expectedVersion: -1,
  events,
  subjects,
});
