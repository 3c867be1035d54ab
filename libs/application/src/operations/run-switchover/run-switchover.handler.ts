import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RunSwitchoverCommand } from '../operation.commands';
import { SwitchoverRunner } from './switchover-runner';

/** Sent by the saga for a requested operation: the process runs it to its end. */
@CommandHandler(RunSwitchoverCommand)
export class RunSwitchoverHandler implements ICommandHandler<RunSwitchoverCommand> {
  constructor(private readonly runner: SwitchoverRunner) {}

  execute({ operationId, context }: RunSwitchoverCommand): Promise<void> {
    return this.runner.run(operationId, context);
  }
}
