import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OperationNotFoundError } from '@fsr/domain';
import { lastPosition } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { assertPrecondition } from '../../common/precondition';
import { streams } from '../../common/streams';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { CancelOperationCommand } from '../operation.commands';
import { OperationFinisher } from '../operation-finisher';

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
