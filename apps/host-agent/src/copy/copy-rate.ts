import { PFRAME_PRESENT } from '../memory/pframe-table';
import { CopyPool } from './copy-pool';

export const DEFAULT_RATE_SAMPLE_PFRAMES = 16 * 1024 * 1024;

/** Median PFrames/s of one copy thread doing copy + both CRCs of `pframes` entries, over three runs. */
export async function measurePframesPerSecondPerThread(
  pool: CopyPool,
  pframes = DEFAULT_RATE_SAMPLE_PFRAMES,
): Promise<number> {
  const source = new SharedArrayBuffer(pframes * 4);
  const destination = new SharedArrayBuffer(pframes * 4);
  const entries = new Uint32Array(source);
  for (let ppn = 0; ppn < pframes; ppn++) entries[ppn] = (ppn | PFRAME_PRESENT) >>> 0;
  new Uint32Array(destination).fill(0);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const outcome = await pool.run({ source, destination, ppnStart: 0, ppnCount: pframes });
    rates.push(pframes / ((outcome.endedAt - outcome.startedAt) / 1000));
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[1]);
}
