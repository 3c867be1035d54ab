import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HandleHostLossCommand } from '../host.commands';
import { HostLosses } from './host-losses';

@CommandHandler(HandleHostLossCommand)
export class HandleHostLossHandler implements ICommandHandler<HandleHostLossCommand> {
  constructor(private readonly losses: HostLosses) {}

  execute({ hostId, agentInstanceId, context }: HandleHostLossCommand): Promise<void> {
    return this.losses.handle(hostId, agentInstanceId, context);
  }
}
