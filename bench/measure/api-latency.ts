import { performance } from 'node:perf_hooks';
import { loadTest } from 'loadtest';
import { ApiClient } from '../support/http';

export interface ApiFigures {
  readonly path: string;
  readonly targetRate: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** What loadtest 8 passes to `statusCallback` for each request (its bundled typings say `any`). */
interface RequestOutcome {
  readonly statusCode?: number;
  readonly requestElapsed: number;
}

const runLoad = loadTest as unknown as (options: Parameters<typeof loadTest>[0]) => Promise<unknown>;

/** Long enough for the route's code to be compiled hot and for the load's connections to be open. */
const WARM_UP_SECONDS = 2;

const percentile = (sorted: readonly number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * An open-loop load at a steady `rate`: loadtest starts a request every 1/rate s whatever the answers do
 * (a new connection when all are busy), and times each from its start. One run: its first seconds warm the
 * route and open the connections a cold start would otherwise open all at once, and only the requests
 * started after them are counted. autocannon's `overallRate`, used before, fires each second's quota at
 * once and then waits: that measured a burst of `rate` requests.
 */
export async function measureApi(client: ApiClient, path: string, rate: number, seconds: number): Promise<ApiFigures> {
  const counted: number[] = [];
  let [non2xx, errors] = [0, 0];
  const startedAt = performance.now();
  const countFrom = startedAt + WARM_UP_SECONDS * 1000;
  await runLoad({
    url: `${client.baseUrl}/api/v1${path}`,
    headers: { authorization: client.authorization },
    requestsPerSecond: rate,
    maxSeconds: WARM_UP_SECONDS + seconds,
    agentKeepAlive: true,
    quiet: true,
    statusCallback: (error: unknown, outcome: RequestOutcome | undefined) => {
      const elapsed = outcome?.requestElapsed ?? 0;
      if (performance.now() - elapsed < countFrom) return;
      if (outcome?.statusCode === undefined) errors++;
      else if (outcome.statusCode < 200 || outcome.statusCode >= 300) non2xx++;
      else if (error === null) counted.push(elapsed);
    },
  });
  const sorted = counted.sort((a, b) => a - b);
  return {
    path,
    targetRate: rate,
    seconds,
    requestsPerSecond: Math.round((sorted.length + non2xx + errors) / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? NaN),
    non2xx,
    errors,
  };
}
