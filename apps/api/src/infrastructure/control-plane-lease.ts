import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CONTROL_PLANE_LEASE_KEY } from '@fsr/contracts';
import { describeHolder, InstanceLease, LeaseHeldError } from '@fsr/redis-plumbing';
import type { RedisClient } from '@fsr/redis-plumbing';
import { AppConfig } from '../config/app-config';
import { StartupError } from '../config/startup-error';
import { APP_CONFIG, REDIS } from './tokens';

/**
 * On embedded PGlite, one control plane per queue prefix: each would have a database of its own beside
 * one Redis, and take the other's host reports. A second one refuses to start; one that finds its lease
 * taken (it was paused past it) stops at once. On PostgreSQL replicas share the database and coordinate
 * through work leases instead, so this lease is not taken.
 */
@Injectable()
export class ControlPlaneLease implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ControlPlaneLease.name);
  private lease: InstanceLease | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.databaseUrl !== undefined) return;
    const what = `the control plane of queue prefix "${this.config.queuePrefix}"`;
    try {
      this.lease = await InstanceLease.acquire(this.redis, `${this.config.queuePrefix}:${CONTROL_PLANE_LEASE_KEY}`, {
        what,
        onLost: (holder) => {
          this.logger.fatal(`${what} was taken over by ${holder ? describeHolder(holder) : 'another process'}: stopping now`);
          process.exit(1);
        },
        log: (message) => this.logger.warn(message),
      });
    } catch (error) {
      if (!(error instanceof LeaseHeldError)) throw error;
      throw new StartupError(`${error.message}; replicas need a shared PostgreSQL (DATABASE_URL): embedded PGlite serves one control plane per QUEUE_PREFIX`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease?.release();
  }
}
