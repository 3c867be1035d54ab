import { PFRAME_PRESENT } from '../memory/pframe-table';
import { CopyPool } from './copy-pool';

export const DEFAULT_RATE_SAMPLE_PFRAMES = 16 * 1024 * 1024;
const RUNS = 5;

/**
 * PFrames/s of one copy thread doing what it does in a stun (copy + the destination's CRC; the source's is
 * taken at prepare time) while every thread copies its share of `pframes` entries at once: threads share
 * memory bandwidth, so the rate of one thread alone would predict a distributed stun too short. The fastest
 * of five runs: the agent starts beside busy processes (a control plane migrating, a database starting),
 * and what slows a run is them, not the host; the host's own switch-overs teach the prediction the rest.
 */
export async function measurePframesPerSecondPerThread(
  pool: CopyPool,
  pframes = DEFAULT_RATE_SAMPLE_PFRAMES,
): Promise<number> {
  const source = new SharedArrayBuffer(pframes * 4);
  const destination = new SharedArrayBuffer(pframes * 4);
  const entries = new Uint32Array(source);
  for (let ppn = 0; ppn < pframes; ppn++) entries[ppn] = (ppn | PFRAME_PRESENT) >>> 0;
  new Uint32Array(destination).fill(0);
  const share = Math.ceil(pframes / pool.threads);
  const shares = Array.from({ length: pool.threads }, (_, i) => ({ ppnStart: i * share, ppnCount: Math.max(0, Math.min(share, pframes - i * share)) }));
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const outcomes = await Promise.all(shares.map((range) => pool.run({ source, destination, ...range, knownSourceChecksum: 'prepare-time' })));
    const wallMs = Math.max(...outcomes.map((o) => o.endedAt)) - Math.min(...outcomes.map((o) => o.startedAt));
    rates.push(pframes / pool.threads / (wallMs / 1000));
  }
  return Math.round(Math.max(...rates));
}
