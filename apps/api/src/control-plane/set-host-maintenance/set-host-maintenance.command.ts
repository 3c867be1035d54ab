import { CommandContext, Precondition } from '@fsr/application';

export class SetHostMaintenanceCommand {
  constructor(
    readonly hostId: string,
    readonly enabled: boolean,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}
