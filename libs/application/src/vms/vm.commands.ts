import { GuestWorkload } from '@fsr/domain';
import { CommandContext } from '../common/command-context';

/** `expectedVersion` comes from an If-Match header; undefined means "whatever the current version is". */
export interface Precondition {
  readonly expectedVersion?: number;
}

export class CreateVmCommand {
  constructor(
    readonly spec: {
      readonly name: string;
      readonly hostId: string;
      readonly datastoreId: string;
      readonly vcpus: number;
      readonly coresPerSocket: number;
      readonly memoryMiB: number;
      readonly cpuHotAddEnabled: boolean;
      readonly memoryHotAddEnabled: boolean;
      readonly disks: readonly { readonly sizeMiB: number }[];
      readonly nics: readonly { readonly network: string }[];
    },
    readonly context: CommandContext,
  ) {}
}

export class DeleteVmCommand {
  constructor(
    readonly vmId: string,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}

export class PowerVmCommand {
  constructor(
    readonly vmId: string,
    /** `suspend`: the agent frees the VM's PFrames as for off; `on` resumes a suspended VM. */
    readonly action: 'on' | 'off' | 'suspend',
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}

export class SetVmWorkloadCommand {
  constructor(
    readonly vmId: string,
    readonly workload: GuestWorkload | null,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}
