import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Aggregates, ConnectHostCommand, DisconnectHostCommand, RecordDiskCopyProgressCommand } from '@fsr/application';
import { AgentHeartbeatReport, HostReport } from '@fsr/contracts';
import { createHostReportsWorker, logQueueErrors } from '@fsr/infrastructure';
import { bullConnection } from '../../infrastructure/bull-connection';
import type { Worker } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { HostLiveness } from './host-liveness';

/** Turns what host agents report (start, heartbeat, stop) into host commands. */
@Injectable()
export class HostReportsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HostReportsConsumer.name);
  private worker: Worker<HostReport> | undefined;

  constructor(
    private readonly commands: CommandBus,
    private readonly aggregates: Aggregates,
    private readonly liveness: HostLiveness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = createHostReportsWorker(
      { connection: bullConnection(this.config.redisUrl), prefix: this.config.queuePrefix },
      (report) => this.handle(report),
    );
    logQueueErrors([this.worker], (message) => this.logger.warn(message));
    this.worker.on('failed', (job, error) => this.logger.error(`host report ${job?.name ?? ''} failed: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async handle(report: HostReport): Promise<void> {
    const context = { actor: `host-agent:${report.hostId}`, correlationId: `${report.agentInstanceId}`, causationId: null };
    this.liveness.heardFrom(report.agentInstanceId);
    switch (report.type) {
      case 'agent.started':
        return this.commands.execute(
          new ConnectHostCommand(
            report.hostId,
            report.name,
            report.agentInstanceId,
            report.capacity,
            report.vms.map((vm) => vm.vmId),
            context,
          ),
        );
      case 'agent.heartbeat':
        return this.reconnectIfMarkedDisconnected(report, context);
      case 'agent.stopping':
        return this.commands.execute(new DisconnectHostCommand(report.hostId, report.agentInstanceId, 'agent-stopped', context));
      case 'storage.copy-progress':
        return this.commands.execute(
          new RecordDiskCopyProgressCommand(report.operationId, report.copiedBytes, report.bytesPerSecond, context),
        );
    }
  }

  /** A heartbeat of the same agent instance after a missed one: its memory is intact, it simply reconnects. */
  private async reconnectIfMarkedDisconnected(report: AgentHeartbeatReport, context: ConnectHostCommand['context']) {
    const { state } = await this.aggregates.host(report.hostId);
    if (!state.exists || state.connectionState === 'connected' || state.agentInstanceId !== report.agentInstanceId) return;
    await this.commands.execute(
      new ConnectHostCommand(report.hostId, state.name, report.agentInstanceId, state.capacity, Object.keys(state.committedMiB), context),
    );
  }
}
