import { CommandContext, Precondition } from '@fsr/application';
import { TransferMode } from '@fsr/domain';

export interface RelocateRequest {
  readonly datastoreId: string;
  readonly mode?: TransferMode;
  /** Copy bandwidth limit in MiB/s, as vMotion's; unset: as fast as the disks go. */
  readonly maxCopyMiBps?: number;
}

/** Storage vMotion (powered on) or cold relocation (powered off): always an operation. */
export class RelocateCommand {
  constructor(
    readonly vmId: string,
    readonly request: RelocateRequest,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}

export class PreviewRelocateQuery {
  constructor(
    readonly vmId: string,
    readonly request: RelocateRequest,
  ) {}
}
