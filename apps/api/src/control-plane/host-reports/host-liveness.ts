import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Aggregates, DisconnectHostCommand } from '@fsr/application';
import { HostQueries, isDatabaseUnavailable } from '@fsr/infrastructure';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG, REDIS } from '../../infrastructure/tokens';

const SYSTEM = { actor: 'system:host-liveness', causationId: null } as const;

/**
 * Remembers when each agent instance was last heard from; a connected host whose agent stays
 * silent for HEARTBEAT_TIMEOUT_MS is recorded as disconnected. Heartbeats come through Redis: while
 * the control plane cannot reach it, silence says nothing, and the count starts again once it can.
 */
@Injectable()
export class HostLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HostLiveness.name);
  private readonly lastSeen = new Map<string, number>();
  private hearingSince = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hosts: HostQueries,
    private readonly aggregates: Aggregates,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    redis.on('ready', () => (this.hearingSince = Date.now()));
  }

  heardFrom(agentInstanceId: string): void {
    this.lastSeen.set(agentInstanceId, Date.now());
  }

  onApplicationBootstrap(): void {
    const every = Math.max(100, Math.floor(this.config.heartbeatTimeoutMs / 4));
    const checkFailed = (error: unknown) =>
      this.logger.warn(isDatabaseUnavailable(error) ? 'liveness check skipped: the database cannot be reached' : `liveness check failed: ${String(error)}`);
    this.timer = setInterval(() => void this.check().catch(checkFailed), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const now = Date.now();
    for (const view of await this.hosts.list()) {
      if (view.connectionState !== 'connected') continue;
      const { state: host } = await this.aggregates.host(view.id);
      if (host.connectionState !== 'connected' || !host.agentInstanceId) continue;
      const seen = Math.max(this.lastSeen.get(host.agentInstanceId) ?? 0, this.hearingSince);
      if (now - seen <= this.config.heartbeatTimeoutMs) continue;
      this.logger.warn(`host ${host.hostId}: no heartbeat for ${now - seen} ms, marking it disconnected`);
      await this.commands.execute(
        new DisconnectHostCommand(host.hostId, host.agentInstanceId, 'heartbeat-missed', { ...SYSTEM, correlationId: `liveness-${now}` }),
      );
    }
  }
}
