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

/** What loadtest 8 resolves to when called without a callback (its bundled typings predate the promise). */
interface LoadTestRun {
  readonly totalRequests: number;
  readonly totalErrors: number;
  readonly effectiveRps: number;
  readonly percentiles: Readonly<Record<number, number>>;
  readonly maxLatencyMs: number;
  readonly errorCodes: Readonly<Record<string, number>>;
}

const runLoad = loadTest as unknown as (options: Parameters<typeof loadTest>[0]) => Promise<LoadTestRun>;

/** Long enough for the route's code to be compiled hot before it is measured. */
const WARM_UP_SECONDS = 2;

/**
 * An open-loop load at a steady `rate`: loadtest starts a request every 1/rate s whatever the answers do
 * (a new connection when all are busy), and times each from its start. autocannon's `overallRate`, used
 * before, fires each second's quota at once and then waits: that measures a burst of `rate` requests.
 */
export async function measureApi(client: ApiClient, path: string, rate: number, seconds: number): Promise<ApiFigures> {
  const options = { url: `${client.baseUrl}/api/v1${path}`, headers: { authorization: client.authorization }, requestsPerSecond: rate, concurrency: 16, agentKeepAlive: true, quiet: true };
  await runLoad({ ...options, maxSeconds: WARM_UP_SECONDS });
  const result = await runLoad({ ...options, maxSeconds: seconds });
  const non2xx = Object.entries(result.errorCodes).reduce((sum, [code, count]) => (/^\d{3}$/.test(code) ? sum + count : sum), 0);
  return {
    path,
    targetRate: rate,
    seconds,
    requestsPerSecond: result.effectiveRps,
    p50Ms: result.percentiles[50],
    p99Ms: result.percentiles[99],
    maxMs: result.maxLatencyMs,
    non2xx,
    errors: result.totalErrors - non2xx,
  };
}
