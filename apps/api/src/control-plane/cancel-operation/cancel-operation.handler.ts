import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OperationNotFoundError } from '@fsr/domain';
import { Aggregates, HOST_AGENT_GATEWAY, HostAgentGateway, OperationFinisher, assertPrecondition, lastPosition, streams } from '@fsr/application';
import { CancelOperationCommand } from './cancel-operation.command';

/** Before the switch-over starts an operation can be cancelled: the VM stays as it was. */
@CommandHandler(CancelOperationCommand)
export class CancelOperationHandler implements ICommandHandler<CancelOperationCommand> {
  private readonly logger = new Logger(CancelOperationHandler.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly finisher: OperationFinisher,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  async execute({ operationId, precondition, context }: CancelOperationCommand) {
    const operation = await this.aggregates.operation(operationId);
    if (!operation.state.exists) throw new OperationNotFoundError(operationId);
    const { state } = operation;
    // Checked first too: a cancel of an operation already cancelled appends nothing, yet a stale If-Match is refused.
    assertPrecondition(streams.operation(operationId), operation, precondition);
    const recorded = await this.finisher.finish(operationId, { outcome: 'cancelled', by: context.actor }, context, precondition.expectedVersion);
    await this.agents.discardSwitchover(state.hostId, operationId).catch((error: unknown) => {
      this.logger.warn(`cancelled ${operationId}; the host will drop its destination when it expires: ${String(error)}`);
    });
    return { operationId, position: lastPosition(recorded) };
  }
}
