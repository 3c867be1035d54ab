import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { logRedisOutage } from '@fsr/redis-plumbing';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redactUrl, StartupError } from '../config/startup-error';
import { ControlPlaneLease } from './control-plane-lease';
import { APP_CONFIG, REDIS } from './tokens';

/** Connects now, so a missing Redis stops the start-up with a clear message instead of endless retries. */
export async function connectRedis(url: string, connectionName = 'fsr-control-plane'): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName });
  redis.on('error', () => undefined); // reconnects on its own; callers see failed commands
  try {
    await redis.connect();
    const logger = new Logger('Redis');
    logRedisOutage(redis, (message) => logger.warn(message));
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new StartupError(
      `Redis is required: cannot reach ${redactUrl(url)} (${(error as Error).message}). ` +
        'Start it with `redis-server --daemonize yes --port 6379` or set REDIS_URL.',
      { cause: error },
    );
  }
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => connectRedis(config.redisUrl) }, ControlPlaneLease],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
