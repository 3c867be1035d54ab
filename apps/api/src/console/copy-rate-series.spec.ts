interface Item {
  position: number;
  type: string;
  occurredAt: string;
  data: Record<string, number>;
}
interface Series {
  points: { seconds: number; mibps: number; percent: number }[];
  averageMiBps: number | null;
  seconds: number;
}

// The console's browser module (plain JS), loaded as Jest transforms it.
const { copyRateSeries, rateScale } = require('../../console/assets/copy-rate-series.js') as {
  copyRateSeries: (items: Item[]) => Series;
  rateScale: (values: number[], limit: number | null) => { top: number; at: (value: number) => number };
};

const MIB = 2 ** 20;
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, 0) + seconds * 1000).toISOString();
const progressed = (position: number, seconds: number, copiedMiB: number, mibps: number): Item => ({
  position,
  type: 'operation.disk-copy-progressed',
  occurredAt: at(seconds),
  data: { copiedBytes: copiedMiB * MIB, totalBytes: 32 * MIB, bytesPerSecond: mibps * MIB },
});

describe('the copy rate chart\'s series', () => {
  it('puts each reported rate at its time since the first report, with the share copied, ending at the copy\'s end', () => {
    const copied: Item = { position: 9, type: 'operation.disks-copied', occurredAt: at(4.5), data: { bytesPerSecond: 7.5 * MIB } };
    const series = copyRateSeries([copied, progressed(3, 1, 16, 8), progressed(1, 0, 8, 7.9)]);
    expect(series.points).toEqual([
      { seconds: 0, mibps: 7.9, percent: 25 },
      { seconds: 1, mibps: 8, percent: 50 },
    ]);
    expect(series).toMatchObject({ seconds: 4.5, averageMiBps: 7.5 });
  });

  it('has no average while the copy runs, and no points before any report', () => {
    expect(copyRateSeries([progressed(1, 0, 8, 8), progressed(2, 2, 16, 8)])).toMatchObject({ seconds: 2, averageMiBps: null });
    expect(copyRateSeries([])).toEqual({ points: [], averageMiBps: null, seconds: 0 });
  });

  it('scales from 0 with room above the highest rate or the limit, whichever is higher', () => {
    const limited = rateScale([40, 55], 64);
    expect(limited.top).toBeCloseTo(64 * 1.15);
    expect(limited.at(0)).toBe(0);
    expect(limited.at(64)).toBeCloseTo(1 / 1.15);
    expect(rateScale([200], null).top).toBeCloseTo(230);
  });
});
