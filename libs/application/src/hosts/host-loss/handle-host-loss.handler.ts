import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HostDisconnectReason, HostState, hostDecider, isTerminal } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { OperationFinisher } from '../../operations/operation-finisher';
import { HandleHostLossCommand } from '../host.commands';
import { powerOffLostVm, presentAppends } from '../lost-vms';

export const HOST_DISCONNECTED = 'HOST_DISCONNECTED';

/**
 * When a host agent instance is gone, no operation of its VMs may stay running.
 * A stopped agent (SIGTERM) finished or rolled back its switch-overs before reporting, so only the ones it
 * never started are failed, and its VMs, whose memory left with the process, are recorded powered off.
 * A silent or replaced agent cannot answer any more: all its operations fail; its VMs are reconciled when
 * an agent of the host connects again and reports what it really holds.
 */
@CommandHandler(HandleHostLossCommand)
export class HandleHostLossHandler implements ICommandHandler<HandleHostLossCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly finisher: OperationFinisher,
  ) {}

  async execute({ hostId, agentInstanceId, reason, context }: HandleHostLossCommand): Promise<void> {
    const { state: host } = await this.aggregates.host(hostId);
    const stillThere = host.connectionState === 'connected' && host.agentInstanceId === agentInstanceId;
    if (!host.exists || stillThere) return;
    const vmIds = Object.keys(host.committedMiB);
    for (const vmId of vmIds) await this.endInterruptedOperation(vmId, hostId, reason, context);
    if (reason === 'agent-stopped' && host.connectionState === 'disconnected') await this.powerOffVms(hostId, vmIds, context);
  }

  private async endInterruptedOperation(vmId: string, hostId: string, reason: HostDisconnectReason, context: CommandContext) {
    const { state: vm } = await this.aggregates.vm(vmId);
    if (!vm.activeOperation) return;
    const { operationId } = vm.activeOperation;
    const { state: operation } = await this.aggregates.operation(operationId);
    if (isTerminal(operation) || operation.hostId !== hostId) return;
    if (reason === 'agent-stopped' && operation.status === 'switching-over') return;
    const cause = { code: HOST_DISCONNECTED, message: `host ${hostId} was lost (${reason}) before the operation ended` };
    await this.finisher.finish(operationId, { outcome: 'failed', cause }, context).catch(async (error: unknown) => {
      // The agent's own answer may have ended it meanwhile; anything else is a real failure.
      if (!isTerminal((await this.aggregates.operation(operationId)).state)) throw error;
    });
  }

  private powerOffVms(hostId: string, vmIds: readonly string[], context: CommandContext) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      const stillHeld = vmIds.filter((vmId) => host.state.committedMiB[vmId] !== undefined);
      const hostEvents = releaseAll(host.state, stillHeld);
      const vmAppends = await Promise.all(stillHeld.map((vmId) => powerOffLostVm(this.aggregates, vmId)));
      await this.store.append([appendTo(streams.host(hostId), host, hostEvents, [subjects.host(hostId)]), ...presentAppends(vmAppends)], context);
    });
  }
}

const releaseAll = (host: HostState, vmIds: readonly string[]) =>
  decideAll(hostDecider, host, vmIds.map((vmId) => ({ type: 'commit-vm-memory' as const, vmId, memoryMiB: 0 })));
