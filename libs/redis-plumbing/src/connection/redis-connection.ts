import { Redis, RedisOptions } from 'ioredis';

/** Redis could not be reached when a process started: it exits with this one-line message. */
export class RedisUnreachableError extends Error {
  readonly code = 'REDIS_UNREACHABLE';
}

const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
const MAX_RECONNECT_DELAY_MS = 2000;

const redactedUrl = (url: URL): string => `${url.protocol}//${url.hostname}:${url.port || 6379}${url.pathname}`;

/** ioredis options from a redis:// or rediss:// URL, as BullMQ connection options. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUnreachableError(`REDIS_URL must be redis:// or rediss://, got ${parsed.protocol}`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    db,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * A connected ioredis client usable by BullMQ Queues and Workers (maxRetriesPerRequest: null).
 * The first connection fails fast with RedisUnreachableError naming `role`; once connected it
 * reconnects with a capped backoff. `name` is what `CLIENT LIST` shows for it.
 */
export async function createRedisConnection(
  url: string,
  { role, name, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS }: { role: string; name?: string; connectTimeoutMs?: number },
): Promise<Redis> {
  const options = redisOptionsFromUrl(url);
  let connected = false;
  const redis = new Redis({
    ...options,
    lazyConnect: true,
    ...(name ? { connectionName: name } : {}),
    connectTimeout: connectTimeoutMs,
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null),
  });
  let lastError: Error | null = null;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    // A client that gave up is already ended; disconnect() would hold the process for disconnectTimeout.
    if (redis.status !== 'end') redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new RedisUnreachableError(`${role}: cannot reach Redis at ${redactedUrl(new URL(url))} (${reason})`);
  }
  connected = true;
  return redis;
}
