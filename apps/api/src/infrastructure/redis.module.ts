import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { describeTarget, logRedisOutage, newRedisClient, RedisClient, RedisTarget } from '@fsr/redis-plumbing';
import type { ConnectionOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { AppConfig, redisTargetOf } from '../config/app-config';
import { bullConnectionOf } from './bull-connection';
import { StartupError } from '../config/startup-error';
import { ControlPlaneLease } from './control-plane-lease';
import { APP_CONFIG, BULL_CONNECTION, REDIS } from './tokens';

/** Connects now, so a missing Redis stops the start-up with a clear message instead of endless retries. */
export async function connectRedis(target: string | RedisTarget, connectionName = 'fsr-control-plane'): Promise<RedisClient> {
  const where = typeof target === 'string' ? { url: target } : target;
  const redis = newRedisClient(where, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName });
  redis.on('error', () => undefined); // reconnects on its own; callers see failed commands
  try {
    await redis.connect();
    const logger = new Logger('Redis');
    logRedisOutage(redis, (message) => logger.warn(message));
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new StartupError(
      `Redis is required: cannot reach ${describeTarget(where)} (${(error as Error).message}). ` +
        'Start it with `redis-server --daemonize yes --port 6379` or set REDIS_URL.',
      { cause: error },
    );
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => connectRedis(redisTargetOf(config)) },
    { provide: BULL_CONNECTION, inject: [APP_CONFIG], useFactory: (config: AppConfig) => bullConnectionOf(redisTargetOf(config)) },
    ControlPlaneLease,
  ],
  exports: [REDIS, BULL_CONNECTION],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(BULL_CONNECTION) private readonly bull: ConnectionOptions,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.bull instanceof Cluster) this.bull.disconnect();
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
