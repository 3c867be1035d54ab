import { BEATS_PER_REPORT, HeartbeatReports } from './heartbeat-reports';

describe('HeartbeatReports', () => {
  const every = 2000;
  const beats = (reports: HeartbeatReports, count: number, from: number) => Array.from({ length: count }, (_, i) => reports.beat(from + i * every));

  it('reports one beat in BEATS_PER_REPORT while nothing happens', () => {
    const reported = beats(new HeartbeatReports(every), 3 * BEATS_PER_REPORT, 0);
    expect(reported.filter(Boolean)).toHaveLength(3);
    expect(reported.indexOf(true)).toBe(BEATS_PER_REPORT - 1);
  });

  it('reports at once the beat after a gap (the process was paused), then counts again', () => {
    const reports = new HeartbeatReports(every);
    beats(reports, 2, 0);
    expect(reports.beat(2 * every + 30_000)).toBe(true);
    expect(reports.beat(3 * every + 30_000)).toBe(false);
  });

  it('reports the beat after a mark that did not reach Redis', () => {
    const reports = new HeartbeatReports(every);
    beats(reports, 1, 0);
    reports.markNotHeard();
    expect(reports.beat(every)).toBe(true);
    expect(reports.beat(2 * every)).toBe(false);
  });
});
