import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Database } from '@fsr/infrastructure';
import type { RedisClient } from '@fsr/redis-plumbing';
import { WORK_LEASES, WorkLeases } from '@fsr/application';
import { leaseCounts } from '../../infrastructure/lease-counts';
import { PRISMA, REDIS, REPLICA_ID } from '../../infrastructure/tokens';

const CHECK_TIMEOUT_MS = 2000;

/** The checks of GET /health. Only the database and Redis can make it fail. */
@Injectable()
export class DependencyHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(PRISMA) private readonly prisma: Database['prisma'],
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
    @Inject(REPLICA_ID) private readonly replicaId: string,
  ) {}

  /** Which replica answered, and how many leases of each kind it holds (the public page names no operation). */
  replica() {
    return this.indicators.check('replica').up({ id: this.replicaId, leases: leaseCounts(this.leases.heldHere()) });
  }

  database() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await this.prisma.$queryRaw`SELECT 1`;
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  redisConnection() {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        await this.redis.ping();
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Degraded, never down, when no agent is connected: the API still serves reads and inventory. */
  async hostAgents() {
    const session = this.indicators.check('hostAgents');
    try {
      const [connected, total] = await Promise.all([
        this.prisma.hostView.count({ where: { connectionState: 'connected' } }),
        this.prisma.hostView.count(),
      ]);
      return connected > 0 ? session.up({ connected, total }) : session.degraded({ connected, total });
    } catch (error) {
      return session.degraded({ message: `cannot count host agents: ${(error as Error).message}` });
    }
  }
}
