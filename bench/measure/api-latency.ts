import autocannon from 'autocannon';
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

/** autocannon at a fixed overall rate against one GET of the control plane. */
export async function measureApi(client: ApiClient, path: string, rate: number, seconds: number): Promise<ApiFigures> {
  const result = await autocannon({
    url: `${client.baseUrl}/api/v1${path}`,
    headers: { authorization: client.authorization },
    connections: 16,
    overallRate: rate,
    duration: seconds,
  });
  return {
    path,
    targetRate: rate,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
