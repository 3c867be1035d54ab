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

  /**
   * Handles the instance's loss as the log holds it now (the latest, if the instance was lost again after a
   * heartbeat brought it back); nothing if it was handled meanwhile, so a late saga ends nothing of a successor.
   */
  async handle(hostId: string, agentInstanceId: string, context: CommandContext): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    const loss = host.exists ? host.unhandledLosses.find((unhandled) => unhandled.agentInstanceId === agentInstanceId) : undefined;
    if (!host.exists || !loss) return;
    const stillThere = host.connectionState === 'connected' && host.agentInstanceId === agentInstanceId;
    if (!stillThere) await this.endWhatWasLost(host, loss, context);
    await this.recordHandled(hostId, agentInstanceId, context);
  }

  /** Handles every loss of the host the log holds unhandled; none is the usual case, and costs one read. */
  async handleUnhandled(hostId: string, context: CommandContext): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    if (!host.exists) return;
    for (const { agentInstanceId } of host.unhandledLosses) await this.handle(hostId, agentInstanceId, context);
  }

  private async endWhatWasLost(host: ExistingHost, loss: UnhandledHostLoss, context: CommandContext): Promise<void> {
    const vmIds = Object.keys(host.committedMiB);
    for (const vmId of vmIds) await this.operations.endInterrupted(vmId, host.hostId, loss.reason, context);
    const stopped = loss.reason === 'agent-stopped' || loss.reason === 'agent-restarting';
    const gone = vmIds.filter((vmId) => !loss.keptVmIds.includes(vmId));
    if (stopped && gone.length > 0) await this.powerOffVms(host.hostId, loss, gone, context);
  }

  /** Only while the host is still without an agent since that loss: a VM a new instance runs is not touched. */
  private powerOffVms(hostId: string, loss: UnhandledHostLoss, vmIds: readonly string[], context: CommandContext) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.existingHost(hostId);
      const { connectionState, agentInstanceId, unhandledLosses } = host.state;
      const sinceThatLoss = connectionState === 'disconnected' && agentInstanceId === loss.agentInstanceId && unhandledLosses.some((unhandled) => unhandled.agentInstanceId === loss.agentInstanceId && unhandled.reason === loss.reason);
      if (!sinceThatLoss) return;
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
