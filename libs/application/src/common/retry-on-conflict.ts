import { ConcurrencyError } from '../ports/event-store.port';

/**
 * Re-runs a load-decide-append cycle when another command appended first. A client's own
 * If-Match precondition is never retried: its conflict is the answer.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, clientExpectedVersion?: number): Promise<T> {
  const maxAttempts = clientExpectedVersion === undefined ? 5 : 1;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || tries >= maxAttempts) throw error;
    }
  }
}
