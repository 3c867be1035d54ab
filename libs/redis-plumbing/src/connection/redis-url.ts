import { RedisOptions } from 'ioredis';

/** Redis could not be reached when a process started: it exits with this one-line message. */
export class RedisUnreachableError extends Error {
  readonly code = 'REDIS_UNREACHABLE';
}

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
