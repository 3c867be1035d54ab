import { CommandContext, Precondition } from '@fsr/application';
import { GuestWorkload } from '@fsr/domain';

export class SetVmWorkloadCommand {
  constructor(
    readonly vmId: string,
    readonly workload: GuestWorkload | null,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}
