import { PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU, predictStunMs } from './stun-prediction';

const ONE_TIB_PFRAMES = 268_435_456;
const rate = 10_000_000;

describe('predictStunMs', () => {
  it('uses the published one-vCPU rate until the host measured its own', () => {
    const prediction = predictStunMs({ totalPFrames: ONE_TIB_PFRAMES, segments: 1, workerThreads: 1, pframesPerSecondPerThread: null });
    expect(prediction.basis).toBe('published-default');
    expect(prediction.predictedStunMs).toBeCloseTo((ONE_TIB_PFRAMES / PUBLISHED_PFRAMES_PER_SECOND_PER_VCPU) * 1000 + 2, 3);
    expect(prediction.predictedStunMs).toBeGreaterThan(7600);
    expect(prediction.predictedStunMs).toBeLessThan(7800);
  });

  it('uses the measured rate when there is one', () => {
    expect(predictStunMs({ totalPFrames: rate, segments: 1, workerThreads: 4, pframesPerSecondPerThread: rate })).toEqual({
      predictedStunMs: 1002,
      basis: 'measured',
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

  it('adds the default overhead of 2 ms, or the given one', () => {
    const base = { totalPFrames: 0, segments: 4, workerThreads: 4, pframesPerSecondPerThread: rate };
    expect(predictStunMs(base).predictedStunMs).toBe(2);
    expect(predictStunMs({ ...base, overheadMs: 5 }).predictedStunMs).toBe(5);
  });

  it('falls back to the published rate for a rate that is not positive', () => {
    expect(predictStunMs({ totalPFrames: 1, segments: 1, workerThreads: 1, pframesPerSecondPerThread: 0 }).basis).toBe('published-default');
  });
});
