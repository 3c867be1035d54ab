import { CommandContext, Precondition } from '@fsr/application';

export class PowerVmCommand {
  constructor(
    readonly vmId: string,
    /** `suspend`: the agent frees the VM's PFrames as for off; `on` resumes a suspended VM. */
    readonly action: 'on' | 'off' | 'suspend',
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}
