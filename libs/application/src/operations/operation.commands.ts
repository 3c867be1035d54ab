import { CommandContext } from '../common/command-context';

/** Sent by the saga once an operation is requested; drives it to an end. */
export class RunSwitchoverCommand {
  constructor(
    readonly operationId: string,
    readonly context: CommandContext,
  ) {}
}

/** A host agent reported how far a relocation's disk copy got. */
export class RecordDiskCopyProgressCommand {
  constructor(
    readonly operationId: string,
    readonly copiedBytes: number,
    readonly bytesPerSecond: number,
    readonly context: CommandContext,
  ) {}
}
