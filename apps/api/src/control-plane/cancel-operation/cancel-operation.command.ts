import { CommandContext, Precondition } from '@fsr/application';

export class CancelOperationCommand {
  constructor(
    readonly operationId: string,
    readonly context: CommandContext,
    readonly precondition: Precondition = {},
  ) {}
}
