import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Aggregates, ConnectHostCommand, DisconnectHostCommand, RecordDiskCopyProgressCommand } from '@fsr/application';
import { AgentHeartbeatReport, AgentVmState, HostReport } from '@fsr/contracts';
import type { ExistingHost, KeptVm } from '@fsr/domain';
import { createHostReportsWorker } from '@fsr/infrastructure';
import { logQueueErrors } from '@fsr/redis-plumbing';
import type { ConnectionOptions, Worker } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG, BULL_CONNECTION } from '../../infrastructure/tokens';
import { HostLiveness } from './host-liveness';

/** Turns what host agents report (start, heartbeat, stop) into host commands. */
@Injectable()
export class HostReportsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HostReportsConsumer.name);
  private worker: Worker<unknown> | undefined;

  constructor(
    private readonly commands: CommandBus,
    private readonly aggregates: Aggregates,
    private readonly liveness: HostLiveness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BULL_CONNECTION) private readonly connection: ConnectionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = createHostReportsWorker(
      { connection: this.connection, prefix: this.config.queuePrefix },
      (report) => this.handle(report),
    );
    logQueueErrors([this.worker], (message) => this.logger.warn(message));
    this.worker.on('failed', (job, error) => this.logger.error(`host report ${job?.name ?? ''} failed: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async handle(report: HostReport): Promise<void> {
    const context = { actor: `host-agent:${report.hostId}`, correlationId: report.agentInstanceId, causationId: null };
    // First, before anything reads the database: an agent heard while the database is down is alive all the same.
    // Liveness counts only the host's current instance, so an instance refused below keeps no host alive.
    await this.liveness.heardFrom(report.agentInstanceId).catch(() => undefined);
    const host = report.type === 'agent.started' ? undefined : await this.currentHostOf(report);
    if (host === null) {
      this.logger.warn(`ignored ${report.type} for ${report.hostId} from agent instance ${report.agentInstanceId}, which is not the host's current one`);
      return;
    }
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
            report.vms.map(keptVm),
          ),
        );
      case 'agent.heartbeat':
        return this.reconnectIfMarkedDisconnected(report, host!, context);
      case 'agent.stopping':
        return this.commands.execute(
          report.keptVms
            ? new DisconnectHostCommand(report.hostId, report.agentInstanceId, 'agent-restarting', context, report.keptVms.map(keptVm))
            : new DisconnectHostCommand(report.hostId, report.agentInstanceId, 'agent-stopped', context),
        );
      case 'storage.copy-progress':
        return this.commands.execute(
          new RecordDiskCopyProgressCommand(report.operationId, report.copiedBytes, report.bytesPerSecond, context),
        );
    }
  }

  /** Only `agent.started` establishes an instance; any other report must come from the one it established (null if not). */
  private async currentHostOf(report: Exclude<HostReport, { type: 'agent.started' }>): Promise<ExistingHost | null> {
    const { state } = await this.aggregates.host(report.hostId);
    if (!state.exists || state.agentInstanceId !== report.agentInstanceId) return null;
    if (report.type === 'storage.copy-progress') {
      const { state: operation } = await this.aggregates.operation(report.operationId);
      if (!operation.exists || operation.hostId !== report.hostId) return null;
    }
    return state;
  }

  /** A heartbeat of the same agent instance after a missed one: its memory is intact, it simply reconnects. */
  private async reconnectIfMarkedDisconnected(report: AgentHeartbeatReport, state: ExistingHost, context: ConnectHostCommand['context']) {
    if (state.connectionState === 'connected') return;
    await this.commands.execute(
      new ConnectHostCommand(report.hostId, state.name, report.agentInstanceId, state.capacity, Object.keys(state.committedMiB), context),
    );
  }
}

const keptVm = ({ vmId, pframeChecksum }: AgentVmState): KeptVm => ({ vmId, pframeChecksum });
