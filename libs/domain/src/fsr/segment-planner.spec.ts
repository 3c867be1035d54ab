import fc from 'fast-check';
import { planSegments } from './segment-planner';

const totals = fc.integer({ min: 0, max: 2 ** 28 });
const vcpuCounts = fc.integer({ min: 1, max: 128 });

describe('planSegments', () => {
  it('distributed: one segment per vCPU, segment i on partition i', () => {
    fc.assert(
      fc.property(totals, vcpuCounts, (total, vcpus) => {
        const segments = planSegments(total, vcpus, 'distributed');
        expect(segments).toHaveLength(vcpus);
        segments.forEach((segment, i) => expect(segment).toMatchObject({ index: i, partition: i }));
      }),
    );
  });

  it('distributed: contiguous segments cover every PPN exactly once', () => {
    fc.assert(
      fc.property(totals, vcpuCounts, (total, vcpus) => {
        const segments = planSegments(total, vcpus, 'distributed');
        let next = 0;
        for (const segment of segments) {
          expect(segment.ppnStart).toBe(next);
          next += segment.ppnCount;
        }
        expect(next).toBe(total);
      }),
    );
  });

  it('distributed: sizes differ by at most one', () => {
    fc.assert(
      fc.property(totals, vcpuCounts, (total, vcpus) => {
        const sizes = planSegments(total, vcpus, 'distributed').map((segment) => segment.ppnCount);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('legacy: a single segment on partition 0 covering the table', () => {
    fc.assert(
      fc.property(totals, vcpuCounts, (total, vcpus) => {
        expect(planSegments(total, vcpus, 'legacy')).toEqual([{ index: 0, partition: 0, ppnStart: 0, ppnCount: total }]);
      }),
    );
  });

  it('splits a small table as expected', () => {
    expect(planSegments(10, 4, 'distributed').map((s) => [s.ppnStart, s.ppnCount])).toEqual([
      [0, 3],
      [3, 3],
      [6, 2],
      [8, 2],
    ]);
  });

  it('rejects nonsensical inputs', () => {
    expect(() => planSegments(10, 0, 'distributed')).toThrow(RangeError);
    expect(() => planSegments(-1, 2, 'distributed')).toThrow(RangeError);
    expect(() => planSegments(1.5, 2, 'legacy')).toThrow(RangeError);
  });
});
