/** Heartbeat reports between two beats with nothing to tell: the beat itself goes straight into Redis each time. */
export const BEATS_PER_REPORT = 5;

/**
 * Which heartbeats also go to the control plane as a report. Liveness reads the agent's mark in Redis, so
 * the report only matters to a host the control plane recorded disconnected, which a report of its current
 * instance connects again. That can only have happened after a gap: the process was paused or starved (its
 * beat came late) or its mark did not reach Redis. Such a beat is reported at once; otherwise every
 * `BEATS_PER_REPORT`th, so a hundred idle hosts cost the control plane little.
 */
export class HeartbeatReports {
  private lastBeatAt: number | null = null;
  private beatsSinceReport = 0;
  private markFailed = false;

  constructor(private readonly intervalMs: number) {}

  /** A mark in Redis that failed: the next beat is reported. */
  markNotHeard(): void {
    this.markFailed = true;
  }

  /** Whether the beat at `now` is to be reported too. */
  beat(now: number): boolean {
    const late = this.lastBeatAt !== null && now - this.lastBeatAt > 2 * this.intervalMs;
    this.lastBeatAt = now;
    this.beatsSinceReport++;
    if (!late && !this.markFailed && this.beatsSinceReport < BEATS_PER_REPORT) return false;
    this.beatsSinceReport = 0;
    this.markFailed = false;
    return true;
  }
}
