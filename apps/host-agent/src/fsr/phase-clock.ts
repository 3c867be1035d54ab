import { PhaseTiming } from '@fsr/contracts';
import { preciseNow } from '../clock';

/** Records consecutive switch-over phases with precise start and end times. */
export class PhaseClock {
  readonly phases: PhaseTiming[] = [];

  async time<T>(phase: PhaseTiming['phase'], work: () => T | Promise<T>): Promise<T> {
    const startedAt = preciseNow();
    try {
      return await work();
    } finally {
      this.phases.push({ phase, startedAt, endedAt: preciseNow() });
    }
  }

  startOf(phase: PhaseTiming['phase']): number | null {
    return this.phases.find((timing) => timing.phase === phase)?.startedAt ?? null;
  }

  endOf(phase: PhaseTiming['phase']): number | null {
    return this.phases.find((timing) => timing.phase === phase)?.endedAt ?? null;
  }
}
