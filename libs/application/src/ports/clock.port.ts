export const CLOCK = Symbol('CLOCK');

/** The time the command side records (phase starts and ends); a test gives its own. */
export interface Clock {
  now(): Date;
}
