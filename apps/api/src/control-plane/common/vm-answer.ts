import { Injectable } from '@nestjs/common';
import { VmQueries } from '@fsr/infrastructure';
import { ReadYourWrites } from './read-your-writes';

/** What a VM command recorded: its VM and the position of its last event (null when nothing was appended). */
export interface VmRecorded {
  readonly vmId: string;
  readonly position: bigint | null;
}

/** A VM command's answer: the VM as its read model shows it once the command's own events are projected. */
@Injectable()
export class VmAnswer {
  constructor(
    private readonly vms: VmQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  of({ vmId, position }: VmRecorded) {
    return this.readYourWrites.after(position, () => this.vms.get(vmId));
  }
}
