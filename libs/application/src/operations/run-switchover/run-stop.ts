import { setTimeout as sleep } from 'node:timers/promises';

/** The replica is shutting down: a run stops where it is, and another replica continues it from the log. */
export class RunStopped extends Error {
  constructor() {
    super('this replica is shutting down');
    this.name = 'RunStopped';
  }
}

/** Waits ms, or less once the signal is aborted. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  sleep(ms, undefined, signal ? { signal } : undefined).catch(() => undefined);

/** The work's answer, or RunStopped as soon as the signal is aborted (the work itself goes on and is ignored). */
export const unlessStopped = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> => {
  if (signal.aborted) return Promise.reject(new RunStopped());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new RunStopped());
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
};
