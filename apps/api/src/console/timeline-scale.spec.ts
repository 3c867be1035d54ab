interface TimelineScale {
  readonly domainMs: number;
  readonly ticks: number[];
  x(ms: number): number;
}
type ScaleInput = { ends: number[]; predictedMs: number | null; measuredMs: number | null; slaMs: number; width: number };

// The console's browser module (plain JS, no imports), loaded as Jest transforms it.
const { timelineScale } = require('../../console/assets/timeline-scale.js') as { timelineScale: (input: ScaleInput) => TimelineScale };

describe('segment timeline scale', () => {
  it('keeps a far SLA off the axis so a stun of a few ms stays readable', () => {
    const scale = timelineScale({ ends: [12, 17], predictedMs: 3, measuredMs: 17, slaMs: 1000, width: 800 });
    expect(scale.domainMs).toBeCloseTo(17 * 1.08);
    expect(scale.x(17)).toBeLessThan(800);
    expect(scale.x(1000)).toBe(800);
    expect(scale.ticks).toEqual([0, 5, 10, 15]);
  });

  it('widens the axis to the SLA when it is near the stun', () => {
    const scale = timelineScale({ ends: [300], predictedMs: 250, measuredMs: 320, slaMs: 500, width: 500 });
    expect(scale.domainMs).toBeCloseTo(540);
    expect(scale.x(500)).toBeLessThan(500);
    expect(scale.x(0)).toBe(0);
  });
});
