import { CommandContext, Precondition } from '@fsr/application';
import { TransferMode } from '@fsr/domain';

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
