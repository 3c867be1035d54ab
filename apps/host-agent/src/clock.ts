import { performance } from 'node:perf_hooks';

/** Epoch milliseconds with sub-millisecond precision, comparable across threads. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();
