import { DEFAULT_SWITCHOVER_OVERHEAD_MS, PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU, predictStunMs } from './stun-prediction';

const ONE_TIB_PFRAMES = 268_435_456;
const rate = 10_000_000;

describe('predictStunMs', () => {
  it('uses the published one-vCPU rate until the host measured its own', () => {
    const prediction = predictStunMs({ totalPFrames: ONE_TIB_PFRAMES, segments: 1, workerThreads: 1, pframesPerSecondPerThread: null });
    expect(prediction.basis).toBe('published-default');
    expect(prediction.predictedStunMs).toBeCloseTo((ONE_TIB_PFRAMES / PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU) * 1000 + DEFAULT_SWITCHOVER_OVERHEAD_MS, 3);
    expect(prediction.predictedStunMs).toBeGreaterThan(7600);
    expect(prediction.predictedStunMs).toBeLessThan(7800);
  });

  it('uses the measured rate when there is one', () => {
    expect(predictStunMs({ totalPFrames: rate, segments: 1, workerThreads: 4, pframesPerSecondPerThread: rate })).toEqual({
      predictedStunMs: 1000 + DEFAULT_SWITCHOVER_OVERHEAD_MS,
      basis: 'measured',
      samples: 0,
    });
  });

  it('legacy (one segment) is slower than distributed over enough threads', () => {
    const base = { totalPFrames: 4 * rate, workerThreads: 4, pframesPerSecondPerThread: rate, overheadMs: 0 };
    expect(predictStunMs({ ...base, segments: 1 }).predictedStunMs).toBe(4000);
    expect(predictStunMs({ ...base, segments: 4 }).predictedStunMs).toBe(1000);
  });

  it('runs more segments than threads in waves', () => {
    const base = { totalPFrames: 8 * rate, pframesPerSecondPerThread: rate, overheadMs: 0 };
    expect(predictStunMs({ ...base, segments: 8, workerThreads: 2 }).predictedStunMs).toBe(4 * 1000);
    expect(predictStunMs({ ...base, segments: 8, workerThreads: 3 }).predictedStunMs).toBe(3 * 1000);
    expect(predictStunMs({ ...base, segments: 8, workerThreads: 8 }).predictedStunMs).toBe(1000);
  });

  it('adds the default overhead of 1 ms, or the given one', () => {
    const base = { totalPFrames: 0, segments: 4, workerThreads: 4, pframesPerSecondPerThread: rate };
    expect(predictStunMs(base).predictedStunMs).toBe(1);
    expect(predictStunMs({ ...base, overheadMs: 5 }).predictedStunMs).toBe(5);
  });

  it('falls back to the published rate for a rate that is not positive', () => {
    expect(predictStunMs({ totalPFrames: 1, segments: 1, workerThreads: 1, pframesPerSecondPerThread: 0 }).basis).toBe('published-default');
  });

  describe('learned from the host\'s own switch-overs', () => {
    const probe = { segments: 8, workerThreads: 2, pframesPerSecondPerThread: rate };
    const sample = (totalPFrames: number, stunMs: number, segments = 8) => ({ totalPFrames, segments, stunMs });

    it('predicts from switch-overs of the same size and segments, however far the start-up rate was', () => {
      const history = [sample(16_000_000, 15), sample(16_000_000, 17), sample(16_000_000, 16)];
      expect(predictStunMs({ ...probe, totalPFrames: 16_000_000, history })).toEqual({ predictedStunMs: 16, basis: 'learned', samples: 3 });
    });

    it('scales switch-overs of a near size by the PFrames moved', () => {
      const history = [sample(16_000_000, 16), sample(16_000_000, 16), sample(18_000_000, 18), sample(20_000_000, 20)];
      expect(predictStunMs({ ...probe, totalPFrames: 24_000_000, history }).predictedStunMs).toBe(24);
    });

    it('waits for three switch-overs alike: one or two are not enough to outvote a disturbed one', () => {
      const two = [sample(16_000_000, 3000), sample(16_000_000, 16)];
      expect(predictStunMs({ ...probe, totalPFrames: 16_000_000, history: two }).basis).toBe('measured');
      const three = [...two, sample(16_000_000, 17)];
      expect(predictStunMs({ ...probe, totalPFrames: 16_000_000, history: three })).toEqual({ predictedStunMs: 17, basis: 'learned', samples: 3 });
    });

    it('is not moved by one stun disturbed by a busy machine', () => {
      const history = [sample(16_000_000, 16), sample(16_000_000, 16.5), sample(16_000_000, 90), sample(16_000_000, 15.5)];
      expect(predictStunMs({ ...probe, totalPFrames: 16_000_000, history }).predictedStunMs).toBe(16);
    });

    it('weighs switch-overs of the same segments over those of other segments', () => {
      const history = [sample(16_000_000, 10, 8), sample(16_000_000, 11, 8), sample(16_000_000, 10, 8), sample(16_000_000, 20, 48), sample(16_000_000, 21, 48), sample(16_000_000, 20, 48)];
      expect(predictStunMs({ ...probe, segments: 48, totalPFrames: 16_000_000, history }).predictedStunMs).toBe(20);
      expect(predictStunMs({ ...probe, segments: 8, totalPFrames: 16_000_000, history }).predictedStunMs).toBe(10);
    });

    it('falls back to the start-up rate when no switch-over was of a similar size', () => {
      const prediction = predictStunMs({ ...probe, totalPFrames: 16_000_000, history: [sample(1_000_000, 2.5), sample(256_000_000, 150)] });
      expect(prediction).toEqual(predictStunMs({ ...probe, totalPFrames: 16_000_000 }));
      expect(prediction.basis).toBe('measured');
    });
  });
});
