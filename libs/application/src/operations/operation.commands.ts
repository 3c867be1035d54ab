import { TransferMode } from '@fsr/domain';
import { CommandContext } from '../common/command-context';
import { Precondition } from '../vms/vm.commands';

export interface HotAddDevice {
  readonly type: 'nic' | 'disk';
  readonly network?: string;
  readonly sizeMiB?: number;
}

export interface HotAddRequest {
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly cpuHotAddEnabled?: boolean;
  readonly memoryHotAddEnabled?: boolean;
  readonly devices?: readonly HotAddDevice[];
  readonly mode?: TransferMode;
  readonly rejectIfPredictedOverSla?: boolean;
}

/**
 * Result: `{ kind: 'reconfigured', vmId }` when powered off (no switch-over),
 * `{ kind: 'operation', operationId }` when an FSR operation was started.
 */
export class HotAddCommand {
  constructor(
    readonly vmId: string,
    readonly request: HotAddRequest,
    readonly precondition: Precondition,
    readonly context: CommandContext,
  ) {}
}

export type HotAddOutcome = { readonly kind: 'reconfigured'; readonly vmId: string } | { readonly kind: 'operation'; readonly operationId: string };

/** Dry run: what a hot-add would do, nothing recorded. */
export class PreviewHotAddQuery {
  constructor(
    readonly vmId: string,
    readonly request: HotAddRequest,
  ) {}
}

export class CancelOperationCommand {
  constructor(
    readonly operationId: string,
    readonly context: CommandContext,
    readonly precondition: Precondition = {},
  ) {}
}

/** Sent by the saga once an operation is requested; drives it to an end. */
export class RunSwitchoverCommand {
  constructor(
    readonly operationId: string,
    readonly context: CommandContext,
  ) {}
}

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

/** A host agent reported how far a relocation's disk copy got. */
export class RecordDiskCopyProgressCommand {
  constructor(
    readonly operationId: string,
    readonly copiedBytes: number,
    readonly bytesPerSecond: number,
    readonly context: CommandContext,
  ) {}
}
