import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HostState, hostDecider } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { HandleHostLossCommand } from '../host.commands';
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
 */
@CommandHandler(HandleHostLossCommand)
export class HandleHostLossHandler implements ICommandHandler<HandleHostLossCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly operations: HostLossOperations,
  ) {}

  async execute({ hostId, agentInstanceId, reason, keptVmIds, context }: HandleHostLossCommand): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    if (!host.exists) return;
    const stillThere = host.connectionState === 'connected' && host.agentInstanceId === agentInstanceId;
    if (stillThere) return;
    const vmIds = Object.keys(host.committedMiB);
    for (const vmId of vmIds) await this.operations.endInterrupted(vmId, hostId, reason, context);
    const stopped = reason === 'agent-stopped' || reason === 'agent-restarting';
    const gone = vmIds.filter((vmId) => !keptVmIds.includes(vmId));
    if (stopped && host.connectionState === 'disconnected' && gone.length > 0) await this.powerOffVms(hostId, gone, context);
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
}

const releaseAll = (host: HostState, vmIds: readonly string[]) =>
  decideAll(hostDecider, host, vmIds.map((vmId) => ({ type: 'commit-vm-memory' as const, vmId, memoryMiB: 0 })));
