interface LogAxis {
  readonly low: number;
  readonly high: number;
  at(ms: number): number;
}

// The console's browser module (plain JS, no imports), loaded as Jest transforms it.
const { logAxis } = require('../../console/assets/log-axis.js') as { logAxis: (values: number[]) => LogAxis };

describe('the stun chart\'s log axis', () => {
  it('spans the decades of the stuns shown, so 3 ms and 300 ms bars both stay readable', () => {
    const axis = logAxis([3.2, 5.38, 310]);
    expect([axis.low, axis.high]).toEqual([1, 1000]);
    expect(axis.at(3.2)).toBeGreaterThan(0.15);
    expect(axis.at(310) - axis.at(5.38)).toBeGreaterThan(0.5);
    expect(axis.at(1000)).toBe(1);
  });

  it('keeps sub-millisecond stuns and missing ones on the axis', () => {
    const axis = logAxis([0.4, 0, 2]);
    expect([axis.low, axis.high]).toEqual([0.1, 10]);
    expect(axis.at(0)).toBe(0);
    expect(axis.at(5000)).toBe(1);
  });
});
