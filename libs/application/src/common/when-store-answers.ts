import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError } from '../ports/event-store.port';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 2000;
const GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Runs `work` until it gets past an unreachable event store, waiting longer between tries (up to 2 s).
 * After ten minutes it gives up with the last error: the next start of the control plane recovers from the log.
 */
export async function whenStoreAnswers<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || Date.now() > deadline) throw error;
      await sleep(delay);
    }
  }
}
