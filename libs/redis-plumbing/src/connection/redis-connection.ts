import { RedisUnreachableError } from './redis-url';
import { describeTarget, newRedisClient, RedisClient, RedisTarget } from './redis-target';

const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * A connected client usable by BullMQ Queues and Workers (maxRetriesPerRequest: null): one Redis, or a Redis
 * Cluster when the target names its nodes. The first connection fails fast with RedisUnreachableError naming
 * `role`; once connected it reconnects with a capped backoff. `name` is what `CLIENT LIST` shows for it.
 */
export async function createRedisConnection(
  target: string | RedisTarget,
  { role, name, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS }: { role: string; name?: string; connectTimeoutMs?: number },
): Promise<RedisClient> {
  const where: RedisTarget = typeof target === 'string' ? { url: target } : target;
  let connected = false;
  const redis = newRedisClient(where, {
    lazyConnect: true,
    ...(name ? { connectionName: name } : {}),
    connectTimeout: connectTimeoutMs,
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null),
  });
  let lastError: Error | null = null;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await withDeadline(redis.connect().then(() => redis.ping()), connectTimeoutMs * 2);
  } catch (error) {
    // A client that gave up is already ended; disconnect() would hold the process for disconnectTimeout.
    if (redis.status !== 'end') redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new RedisUnreachableError(`${role}: cannot reach ${describeTarget(where)} (${reason})`);
  }
  connected = true;
  return redis;
}

/** A cluster client that finds no node keeps trying: the start-up gives up after `ms`. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
