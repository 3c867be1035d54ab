import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError } from '../ports/event-store.port';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 2000;
const GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Runs `work` until it gets past an unreachable event store, waiting longer between tries (up to 2 s).
 * After ten minutes it gives up with the last error: the run ends, its lease runs out, and the takeover
 * sweep of a replica continues the operation from the log.
 */
export async function whenStoreAnswers<T>(work: () => Promise<T>, stop?: AbortSignal): Promise<T> {
  const outage = new StoreOutage();
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError)) throw error;
      await outage.wait(error, stop);
    }
  }
}

/** The waits of one outage of the event store: longer each time (up to 2 s), the error again after ten minutes. */
export class StoreOutage {
  private startedAt: number | null = null;
  private delay = FIRST_DELAY_MS;

  /** Stopped (`stop` aborted): throws the stop's reason at once. */
  async wait(error: EventStoreUnavailableError, stop?: AbortSignal): Promise<void> {
    this.startedAt ??= Date.now();
    if (Date.now() - this.startedAt > GIVE_UP_AFTER_MS) throw error;
    await sleep(this.delay, undefined, stop ? { signal: stop } : undefined).catch(() => undefined);
    if (stop?.aborted) throw stop.reason;
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  reset(): void {
    this.startedAt = null;
    this.delay = FIRST_DELAY_MS;
  }
}
