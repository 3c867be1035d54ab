import type { RedisClient as Redis } from './redis-target';

// The second line: a Redis Cluster while one of its shards is down or coming back.
const CONNECTION_ERROR = new RegExp(
  'ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection is closed|' +
    'CLUSTERDOWN|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available',
);

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Logs what BullMQ queues and workers emit as `error`, except the connection errors of a Redis outage:
 * every client retries them on its own, and `logRedisOutage` says once that Redis is gone and when it is back.
 */
export function logQueueErrors(emitters: readonly ErrorEmitter[], log: (message: string) => void): void {
  for (const emitter of emitters) {
    emitter.on('error', (error) => {
      if (!CONNECTION_ERROR.test(error.message)) log(`queue error: ${error.message}`);
    });
  }
}

/** One line when the connection to Redis is lost, one when it is back. */
export function logRedisOutage(redis: Redis, log: (message: string) => void): void {
  let lostAt: number | null = null;
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  redis.on('reconnecting', () => {
    if (lostAt !== null) return;
    lostAt = Date.now();
    log(`lost the connection to Redis${lastError ? ` (${lastError})` : ''}; reconnecting`);
  });
  redis.on('ready', () => {
    if (lostAt === null) return;
    log(`connected to Redis again after ${Date.now() - lostAt} ms`);
    lostAt = null;
  });
}
