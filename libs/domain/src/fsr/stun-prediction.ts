/** vSphere 7 announcement: 1 TiB (268,435,456 PFrames) in 7.7 s on one vCPU. */
export const PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU = 35_000_000;
/** Suspend, device state hand-over, release, verification and resume around the PFrame transfer (0.5-0.9 ms measured here since the copy gate). */
export const DEFAULT_SWITCHOVER_OVERHEAD_MS = 1;

/** One switch-over this host ran, in the mode asked about: what it moved and the stun it measured. */
export interface StunSample {
  readonly totalPFrames: number;
  readonly segments: number;
  readonly stunMs: number;
}

export interface StunPredictionInput {
  readonly totalPFrames: number;
  readonly segments: number;
  readonly workerThreads: number;
  /** Measured rate of one copy thread, null when the host has not measured it yet. */
  readonly pframesPerSecondPerThread: number | null;
  readonly overheadMs?: number;
  /** The host's recent switch-overs in the same mode, newest first. */
  readonly history?: readonly StunSample[];
}

export type PredictionBasis = 'learned' | 'measured' | 'published-default';

export interface StunPrediction {
  readonly predictedStunMs: number;
  /**
   * `learned`: from the host's own switch-overs of a similar size (`samples` of them); `measured`: from the
   * copy rate its agent measured at start-up; `published-default`: from VMware's published rate.
   */
  readonly basis: PredictionBasis;
  readonly samples: number;
}

/**
 * A switch-over counts for a prediction by how alike it is: its weight halves for about every doubling of
 * size or of segments between the two, so a switch-over of another size says little about this one.
 */
const LIKENESS_OCTAVE = Math.LN2;
/** A switch-over counts at all from this weight: within about four times the size or segments. */
const ALIKE_WEIGHT = 0.1;
/**
 * Below this total weight (about three switch-overs alike) the history is not used: the median of three
 * is the fewest that one stun on a busy moment cannot decide.
 */
const MIN_LEARNED_WEIGHT = 2.5;

/**
 * The stun a switch-over of `totalPFrames` in `segments` is expected to take on this host. From its own recent
 * switch-overs when it has run some of a similar size (each a sample of its real rate, orchestration included),
 * else from its agent's start-up copy rate: equal segments in waves of at most `workerThreads`.
 */
export function predictStunMs(input: StunPredictionInput): StunPrediction {
  return learnedFrom(input) ?? fromRate(input);
}

function fromRate(input: StunPredictionInput): StunPrediction {
  const { totalPFrames, pframesPerSecondPerThread, overheadMs = DEFAULT_SWITCHOVER_OVERHEAD_MS } = input;
  const segments = Math.max(1, Math.floor(input.segments));
  const threads = Math.max(1, Math.min(segments, Math.floor(input.workerThreads)));
  const measured = pframesPerSecondPerThread !== null && pframesPerSecondPerThread > 0;
  const rate = measured ? pframesPerSecondPerThread : PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU;
  const waves = Math.ceil(segments / threads);
  const segmentSize = Math.ceil(totalPFrames / segments);
  const transferMs = ((waves * segmentSize) / rate) * 1000;
  return { predictedStunMs: roundMs(transferMs + overheadMs), basis: measured ? 'measured' : 'published-default', samples: 0 };
}

/**
 * Each alike sample scaled to this size (its stun times the ratio of PFrames), then the weighted median of
 * those: one stun disturbed by a busy machine moves it little.
 */
function learnedFrom({ totalPFrames, segments, history = [] }: StunPredictionInput): StunPrediction | null {
  const estimates = history
    .filter((sample) => sample.totalPFrames > 0 && sample.segments > 0 && sample.stunMs > 0)
    .map((sample) => ({
      stunMs: sample.stunMs * (totalPFrames / sample.totalPFrames),
      weight: likeness(sample.totalPFrames, totalPFrames) * likeness(sample.segments, Math.max(1, segments)),
    }))
    .filter((estimate) => estimate.weight >= ALIKE_WEIGHT);
  const total = estimates.reduce((sum, estimate) => sum + estimate.weight, 0);
  if (totalPFrames <= 0 || total < MIN_LEARNED_WEIGHT) return null;
  return { predictedStunMs: roundMs(weightedMedian(estimates, total)), basis: 'learned', samples: estimates.length };
}

const likeness = (a: number, b: number): number => Math.exp(-((Math.log(a / b) / LIKENESS_OCTAVE) ** 2) / 2);

function weightedMedian(estimates: readonly { stunMs: number; weight: number }[], total: number): number {
  const sorted = [...estimates].sort((a, b) => a.stunMs - b.stunMs);
  let below = 0;
  for (const estimate of sorted) {
    below += estimate.weight;
    if (below >= total / 2) return estimate.stunMs;
  }
  return sorted[sorted.length - 1].stunMs;
}

const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;
