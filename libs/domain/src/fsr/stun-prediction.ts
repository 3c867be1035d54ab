/** vSphere 7 announcement: 1 TiB (268,435,456 PFrames) in 7.7 s on one vCPU. */
export const PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU = 35_000_000;
/** Suspend, device state hand-over and resume around the PFrame transfer. */
export const DEFAULT_SWITCHOVER_OVERHEAD_MS = 2;

export interface StunPredictionInput {
  readonly totalPFrames: number;
  readonly segments: number;
  readonly workerThreads: number;
  /** Measured rate of one copy thread, null when the host has not measured it yet. */
  readonly pframesPerSecondPerThread: number | null;
  readonly overheadMs?: number;
}

export interface StunPrediction {
  readonly predictedStunMs: number;
  readonly basis: 'measured' | 'published-default';
}

/** Equal segments run in waves of at most `workerThreads` in parallel; each wave lasts one segment's copy. */
export function predictStunMs(input: StunPredictionInput): StunPrediction {
  const { totalPFrames, pframesPerSecondPerThread, overheadMs = DEFAULT_SWITCHOVER_OVERHEAD_MS } = input;
  const segments = Math.max(1, Math.floor(input.segments));
  const threads = Math.max(1, Math.min(segments, Math.floor(input.workerThreads)));
  const measured = pframesPerSecondPerThread !== null && pframesPerSecondPerThread > 0;
  const rate = measured ? pframesPerSecondPerThread : PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU;
  const waves = Math.ceil(segments / threads);
  const segmentSize = Math.ceil(totalPFrames / segments);
  const transferMs = ((waves * segmentSize) / rate) * 1000;
  return {
    predictedStunMs: Math.round((transferMs + overheadMs) * 1000) / 1000,
    basis: measured ? 'measured' : 'published-default',
  };
}
