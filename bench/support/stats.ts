/** A figure over repeated runs: the median with its spread. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), runs: sorted.length };
}

export const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `measure` `warmups + runs` times in sequence and keeps the last `runs` results. */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>, warmups = 1): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    const result = await measure(run);
    if (run >= warmups) results.push(result);
  }
  return results;
}
