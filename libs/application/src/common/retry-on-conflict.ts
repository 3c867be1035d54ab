import { ConcurrencyError } from '../ports/event-store.port';

const MAX_ATTEMPTS = 30;

// Retries queue in one lane per process: a command that lost a race on a hot stream (a host's or a
// datastore's) then competes only with first attempts, not with every other loser again in lockstep.
let retryLane: Promise<unknown> = Promise.resolve();

function inRetryLane<T>(attempt: () => Promise<T>): Promise<T> {
  const run = retryLane.then(attempt, attempt);
  retryLane = run.catch(() => undefined);
  return run;
}

/**
 * Re-runs a load-decide-append cycle when another command appended first. A client's own
 * If-Match precondition is never retried: its conflict is the answer. Given the stream the client's
 * version applies to, a conflict on any other stream (the host's, a datastore's) is retried as usual.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, clientExpectedVersion?: number, clientStreamId?: string): Promise<T> {
  const isFinal = (error: ConcurrencyError) =>
    clientExpectedVersion !== undefined && (clientStreamId === undefined || error.streamId === clientStreamId);
  for (let tries = 1; ; tries++) {
    try {
      return await (tries === 1 ? attempt() : inRetryLane(attempt));
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || isFinal(error) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
}
