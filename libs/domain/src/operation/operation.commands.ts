import { SegmentResult } from '../fsr/segment';
import { DiskContentHash, OperationCause, OperationPhase, OperationRequested } from './operation.events';

export type RequestOperation = { readonly type: 'request' } & OperationRequested['data'];
export type StartOperationPhase = { readonly type: 'start-phase'; readonly phase: OperationPhase; readonly at: string };
/** The prepare phase (opened if it is not) and the epoch the destination is asked under. */
export type SendPrepare = { readonly type: 'send-prepare'; readonly epoch: number; readonly at: string };
/** `startedAt` records a phase timed elsewhere (e.g. by the host agent) that was never started here. */
export type CompleteOperationPhase = {
  readonly type: 'complete-phase';
  readonly phase: OperationPhase;
  readonly at: string;
  readonly startedAt?: string;
  readonly durationMs?: number;
};
export type StartSwitchover = { readonly type: 'start-switchover'; readonly epoch: number };
/** Times are epoch milliseconds with sub-millisecond precision, as the host agent measures them. */
export type RecordSwitchover = {
  readonly type: 'record-switchover';
  readonly segments: readonly SegmentResult[];
  readonly suspendedAt: number;
  readonly resumedAt: number;
  readonly checksum: string;
  readonly transferMs: number;
  readonly disks?: readonly DiskContentHash[];
};
export type RecordDiskCopyProgress = {
  readonly type: 'record-disk-copy-progress';
  readonly copiedBytes: number;
  readonly bytesPerSecond: number;
};
export type RecordDisksCopied = {
  readonly type: 'record-disks-copied';
  readonly bytes: number;
  readonly durationMs: number;
  readonly bytesPerSecond: number;
  readonly mirroredWrites: number;
};
export type SucceedOperation = { readonly type: 'succeed' };
export type FailOperation = { readonly type: 'fail'; readonly cause: OperationCause };
export type RollBackOperation = { readonly type: 'roll-back'; readonly cause: OperationCause; readonly stunMs: number | null };
export type CancelOperation = { readonly type: 'cancel'; readonly by: string };

export type OperationCommand =
  | RequestOperation
  | StartOperationPhase
  | SendPrepare
  | CompleteOperationPhase
  | StartSwitchover
  | RecordSwitchover
  | RecordDiskCopyProgress
  | RecordDisksCopied
  | SucceedOperation
  | FailOperation
  | RollBackOperation
  | CancelOperation;
