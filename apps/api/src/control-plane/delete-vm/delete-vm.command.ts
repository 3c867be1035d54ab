import { CommandContext, Precondition } from '@fsr/application';

export class DeleteVmCommand {
  constructor(
    readonly vmId: string,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}
