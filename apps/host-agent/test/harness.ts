import { HostReport } from '@fsr/contracts';
import { SegmentPlan } from '@fsr/domain';
import { createHostReportsWorker } from '@fsr/infrastructure';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

/** `count` segments tiling `pages`, segment i on partition i (legacy mode is count 1). */
export function segmentsFor(pages: number, count: number): SegmentPlan[] {
  const base = Math.floor(pages / count);
  return Array.from({ length: count }, (_, index) => ({
    index,
    partition: index,
    ppnStart: index * base,
    ppnCount: index === count - 1 ? pages - index * base : base,
  }));
}

/** Polls until `check` returns a value (not undefined) or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Collects every report arriving on the prefix's control-plane reports queue. */
export function collectReports(prefix: string) {
  const reports: HostReport[] = [];
  const worker = createHostReportsWorker({ connection, prefix }, async (report) => {
    reports.push(report);
  });
  return {
    reports,
    waitFor: <T extends HostReport['type']>(type: T, hostId: string, timeoutMs?: number) =>
      eventually(
        () => reports.find((r) => r.type === type && r.hostId === hostId) as Extract<HostReport, { type: T }> | undefined,
        timeoutMs,
        `${type} from ${hostId}`,
      ),
    close: () => worker.close(),
  };
}

/** Deletes every key under a test's queue prefix. */
export async function removePrefix(prefix: string): Promise<void> {
  const redis = new Redis(connection);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
