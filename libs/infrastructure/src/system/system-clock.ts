import type { Clock } from '@fsr/application';

/** The machine's wall clock. */
export const systemClock: Clock = { now: () => new Date() };
