import { Injectable } from '@nestjs/common';
import { ExistingHost, hostDecider, UnhandledHostLoss } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { powerOffLostVm, presentAppends } from '../lost-vms';
import { HostLossOperations } from './host-loss-operations';

/**
 * When a host agent instance is gone, no operation of its VMs may stay running.
 * A stopped agent (SIGTERM) finished or rolled back its switch-overs before reporting, so only the ones it
 * never started are failed. A planned restart kept its VMs in the agent's data directory, and they stay
 * powered on; any other VM of a stopped agent, whose memory left with the process, is recorded powered off.
 * A silent agent cannot answer any more: all its operations fail; its VMs are reconciled when an agent of
 * the host connects again and reports what it really holds (ConnectHostHandler, which also ends the
 * operations of an instance replaced before its silence was noticed).
 *
 * Handling a loss ends by recording it handled (`host.loss-handled`). A control plane that stops between the
 * disconnection and that record leaves the loss in the host's state, and the next one handles it (at its
 * start, before it takes up an operation of the host, and before the host's next connection is recorded):
 * an operation ends the way the host ended it, whoever is there to see it. Every step is idempotent.
 */
@Injectable()
export class HostLosses {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly operations: HostLossOperations,
  ) {}

  async handle(hostId: string, loss: UnhandledHostLoss, context: CommandContext): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    if (!host.exists) return;
    const stillThere = host.connectionState === 'connected' && host.agentInstanceId === loss.agentInstanceId;
    if (!stillThere) await this.endWhatWasLost(host, loss, context);
    await this.recordHandled(hostId, loss.agentInstanceId, context);
  }

  /** Handles every loss of the host the log holds unhandled; none is the usual case, and costs one read. */
  async handleUnhandled(hostId: string, context: CommandContext): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    if (!host.exists) return;
    for (const loss of host.unhandledLosses) await this.handle(hostId, loss, context);
  }

  private async endWhatWasLost(host: ExistingHost, { reason, keptVmIds }: UnhandledHostLoss, context: CommandContext): Promise<void> {
    const vmIds = Object.keys(host.committedMiB);
    for (const vmId of vmIds) await this.operations.endInterrupted(vmId, host.hostId, reason, context);
    const stopped = reason === 'agent-stopped' || reason === 'agent-restarting';
    const gone = vmIds.filter((vmId) => !keptVmIds.includes(vmId));
    if (stopped && host.connectionState === 'disconnected' && gone.length > 0) await this.powerOffVms(host.hostId, gone, context);
  }

  private powerOffVms(hostId: string, vmIds: readonly string[], context: CommandContext) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.existingHost(hostId);
      const stillHeld = vmIds.filter((vmId) => host.state.committedMiB[vmId] !== undefined);
      const hostEvents = releaseAll(host.state, stillHeld);
      const vmAppends = await Promise.all(stillHeld.map((vmId) => powerOffLostVm(this.aggregates, vmId)));
      await this.store.append([appendTo(streams.host(hostId), host, hostEvents, [subjects.host(hostId)]), ...presentAppends(vmAppends)], context);
    });
  }

  private recordHandled(hostId: string, agentInstanceId: string, context: CommandContext) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      const events = hostDecider.decide({ type: 'record-loss-handled', agentInstanceId }, host.state);
      await this.store.append([appendTo(streams.host(hostId), host, events, [subjects.host(hostId)])], context);
    });
  }
}

const releaseAll = (host: ExistingHost, vmIds: readonly string[]) =>
  decideAll(hostDecider, host, vmIds.map((vmId) => ({ type: 'commit-vm-memory' as const, vmId, memoryMiB: 0 })));
