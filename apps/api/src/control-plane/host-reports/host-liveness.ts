import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Aggregates, DisconnectHostCommand, HeldLease, WORK_LEASES, WorkLeases } from '@fsr/application';
import { agentsLastSeenKey, MARK_HEARD_SCRIPT } from '@fsr/contracts';
import { HostQueries, isDatabaseUnavailable } from '@fsr/infrastructure';
import type { RedisClient } from '@fsr/redis-plumbing';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG, REDIS } from '../../infrastructure/tokens';

const NODE_TIME_SCRIPT = "return redis.call('TIME')";
const SYSTEM = { actor: 'system:host-liveness', causationId: null } as const;

/**
 * Remembers when each agent instance was last heard from, in Redis, where each agent writes it with its
 * heartbeat (so a backlog of reports never silences it) and every replica's report consumer on any report;
 * the replica holding the `host-liveness` lease records a connected host whose agent
 * stays silent for HEARTBEAT_TIMEOUT_MS as disconnected. Heartbeats come through Redis: while this
 * replica cannot reach it, silence says nothing, and the count starts again once it can.
 */
@Injectable()
export class HostLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HostLiveness.name);
  private readonly lastSeenKey: string;
  private hearingSince = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private lease: HeldLease | null = null;

  constructor(
    private readonly hosts: HostQueries,
    private readonly aggregates: Aggregates,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
  ) {
    this.lastSeenKey = agentsLastSeenKey(config.queuePrefix);
    redis.on('ready', () => void this.redisNow().then((now) => (this.hearingSince = now), () => undefined));
  }

  async heardFrom(agentInstanceId: string): Promise<void> {
    await this.redis.eval(MARK_HEARD_SCRIPT, 1, this.lastSeenKey, agentInstanceId);
  }

  onApplicationBootstrap(): void {
    const every = Math.max(100, Math.floor(this.config.heartbeatTimeoutMs / 4));
    const checkFailed = (error: unknown) =>
      this.logger.warn(isDatabaseUnavailable(error) ? 'liveness check skipped: the database cannot be reached' : `liveness check failed: ${String(error)}`);
    this.timer = setInterval(() => void this.check().catch(checkFailed), every);
    this.timer.unref();
    void this.check().catch(checkFailed);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.lease?.release();
  }

  private async check(): Promise<void> {
    if (this.redis.status !== 'ready') {
      // This replica cannot hear heartbeats: another one that can should watch.
      await this.lease?.release();
      this.lease = null;
      this.hearingSince = Number.POSITIVE_INFINITY;
      return;
    }
    if (!this.lease || this.lease.lost) {
      this.lease = await this.leases.acquire('host-liveness');
      if (this.lease) this.hearingSince = await this.redisNow();
    }
    if (!this.lease) return;
    const now = await this.redisNow();
    // The read model says whom to watch; only a host found silent is read from its stream, which grows with its history.
    const watched = await this.hosts.connectedAgents();
    // One round trip for every host, however many there are.
    const heard = watched.length === 0 ? [] : await this.redis.hmget(this.lastSeenKey, ...watched.map((agent) => agent.agentInstanceId));
    for (const [index, { hostId }] of watched.entries()) {
      if (now - Math.max(Number(heard[index] ?? 0), this.hearingSince) <= this.config.heartbeatTimeoutMs) continue;
      const { state: host } = await this.aggregates.host(hostId);
      if (!host.exists || host.connectionState !== 'connected' || !host.agentInstanceId) continue;
      const seen = Math.max(await this.heardAt(host.agentInstanceId), this.hearingSince);
      if (now - seen <= this.config.heartbeatTimeoutMs) continue;
      this.logger.warn(`host ${host.hostId}: no heartbeat for ${now - seen} ms, marking it disconnected`);
      await this.commands.execute(
        new DisconnectHostCommand(host.hostId, host.agentInstanceId, 'heartbeat-missed', { ...SYSTEM, correlationId: `liveness-${now}` }),
      );
    }
  }

  private async heardAt(agentInstanceId: string): Promise<number> {
    return Number((await this.redis.hget(this.lastSeenKey, agentInstanceId)) ?? 0);
  }

  /** The time of the Redis node that keeps the last-seen marks (on a Redis Cluster, nodes' clocks differ). */
  private async redisNow(): Promise<number> {
    const [seconds, micros] = (await this.redis.eval(NODE_TIME_SCRIPT, 1, this.lastSeenKey)) as [string, string];
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }
}
