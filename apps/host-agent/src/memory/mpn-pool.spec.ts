import { AgentRefusalError } from '../commands/agent-refusal';
import { MpnPool, MpnRun } from './mpn-pool';

const pagesIn = (runs: MpnRun[]): number => runs.reduce((sum, run) => sum + run.count, 0);

describe('MpnPool', () => {
  it('never hands out more pages than it has, and refuses without taking any', () => {
    const pool = new MpnPool(100);
    expect(pagesIn(pool.allocate(60))).toBe(60);
    expect(() => pool.allocate(41)).toThrow(AgentRefusalError);
    expect(pool.freeCount).toBe(40);
    expect(pagesIn(pool.allocate(40))).toBe(40);
    expect(pool.freeCount).toBe(0);
    expect(() => pool.allocate(1)).toThrow(expect.objectContaining({ code: 'AGENT_OUT_OF_MPNS' }));
  });

  it('hands out each MPN once until it is freed, then again', () => {
    const pool = new MpnPool(1000);
    const first = pool.allocate(300);
    const second = pool.allocate(700);
    const seen = new Set<number>();
    for (const run of [...first, ...second]) for (let m = run.start; m < run.start + run.count; m++) seen.add(m);
    expect(seen.size).toBe(1000);
    pool.free(first);
    expect(pool.freeCount).toBe(300);
    const third = pool.allocate(300);
    expect(third).toEqual(first);
    expect(pool.isFree(5)).toBe(false);
  });

  it('frees single pages and rejects a double free', () => {
    const pool = new MpnPool(64);
    pool.allocate(64);
    pool.freeMpn(33);
    expect(pool.isFree(33)).toBe(true);
    expect(pool.allocate(1)).toEqual([{ start: 33, count: 1 }]);
    pool.freeMpn(33);
    expect(() => pool.freeMpn(33)).toThrow(/double free/);
    expect(() => pool.free([{ start: 32, count: 2 }])).toThrow(/double free/);
  });

  it('handles a pool whose size is not a multiple of 32', () => {
    const pool = new MpnPool(37);
    const runs = pool.allocate(37);
    expect(runs).toEqual([{ start: 0, count: 37 }]);
    pool.free(runs);
    expect(pool.freeCount).toBe(37);
  });

  it('keeps a 1 TiB host (268,435,456 MPNs) in a bitmap and allocates it in a few runs', () => {
    const pool = new MpnPool(268_435_456);
    const runs = pool.allocate(268_435_456 - 5);
    expect(runs).toEqual([{ start: 0, count: 268_435_451 }]);
    expect(pool.freeCount).toBe(5);
    pool.free([{ start: 1000, count: 64 }]);
    expect(pool.allocate(69)).toEqual([
      { start: 1000, count: 64 },
      { start: 268_435_451, count: 5 },
    ]);
  });

  it('rejects sizes a PFrame entry cannot address', () => {
    expect(() => new MpnPool(2 ** 30 + 1)).toThrow(RangeError);
    expect(() => new MpnPool(0)).toThrow(RangeError);
  });
});
