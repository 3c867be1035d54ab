import { CommandContext } from '@fsr/application';

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
