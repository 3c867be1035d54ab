import { ConcurrencyError } from '../ports/event-store.port';

/** `expectedVersion` comes from an If-Match header; undefined means "whatever the current version is". */
export interface Precondition {
  readonly expectedVersion?: number;
}

/**
 * Refuses a client's stale If-Match before anything acts: a command whose decision appends nothing,
 * or that acts on a host agent before it appends, must still answer WRONG_EXPECTED_VERSION.
 */
export function assertPrecondition(streamId: string, loaded: { readonly version: number }, precondition: Precondition): void {
  const { expectedVersion } = precondition;
  if (expectedVersion !== undefined && loaded.version >= 0 && expectedVersion !== loaded.version) {
    throw new ConcurrencyError(streamId, expectedVersion, loaded.version);
  }
}
