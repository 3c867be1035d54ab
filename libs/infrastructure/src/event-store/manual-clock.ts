/** A clock that moves only when told to: lets tests put events at known times. */
export class ManualClock {
  private now: number;

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.now = start.getTime();
  }

  readonly read = (): Date => new Date(this.now);

  advance(ms: number): Date {
    this.now += ms;
    return this.read();
  }
}
