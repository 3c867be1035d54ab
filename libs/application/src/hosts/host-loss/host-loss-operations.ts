import { Injectable } from '@nestjs/common';
import { HostDisconnectReason, isTerminal } from '@fsr/domain';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { OperationFinisher } from '../../operations/operation-finisher';

export const HOST_DISCONNECTED = 'HOST_DISCONNECTED';

/**
 * Ends, failed with HOST_DISCONNECTED, the unfinished operation of a VM whose host agent instance is gone.
 * A stopped agent (SIGTERM) finished or rolled back its stuns before it reported, so those are left to its answer.
 */
@Injectable()
export class HostLossOperations {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly finisher: OperationFinisher,
  ) {}

  async endInterrupted(vmId: string, hostId: string, reason: HostDisconnectReason, context: CommandContext): Promise<void> {
    const { state: vm } = await this.aggregates.vm(vmId);
    if (!vm.exists || !vm.activeOperation) return;
    const { operationId } = vm.activeOperation;
    const { state: operation } = await this.aggregates.operation(operationId);
    if (!operation.exists || isTerminal(operation) || operation.hostId !== hostId) return;
    if ((reason === 'agent-stopped' || reason === 'agent-restarting') && operation.status === 'switching-over') return;
    const cause = { code: HOST_DISCONNECTED, message: `host ${hostId} was lost (${reason}) before the operation ended` };
    await this.finisher.finish(operationId, { outcome: 'failed', cause }, context).catch(async (error: unknown) => {
      // The agent's own answer may have ended it meanwhile; anything else is a real failure.
      const { state: latest } = await this.aggregates.operation(operationId);
      if (!latest.exists || !isTerminal(latest)) throw error;
    });
  }
}
