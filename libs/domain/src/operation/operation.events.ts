import { DomainEvent } from '../shared/event';
import { SegmentPlan, SegmentResult, TransferMode } from '../fsr/segment';
import { VmHardware } from '../vm/vm.events';

export type OperationKind = 'hot-add' | 'relocate';
export type OperationPhase =
  | 'disk-copy'
  | 'prepare'
  | 'suspend'
  | 'device-state-transfer'
  | 'pframe-transfer'
  | 'resume'
  | 'cleanup';

export interface OperationCause {
  readonly code: string;
  readonly message: string;
}

export interface OperationRelocation {
  readonly sourceDatastoreId: string;
  readonly targetDatastoreId: string;
  readonly totalBytes: number;
  /** Copy bandwidth limit, as vMotion's; null: as fast as the disks go. */
  readonly maxCopyMiBps: number | null;
  /** Powered off: copy and reconfigure, no switch-over. */
  readonly cold: boolean;
}

/** A disk's content as its agent hashed it: each 1 MiB chunk, then the chunks' digests in order. */
export type DiskContentHash =
  | {
      readonly diskId: string;
      /** BLAKE3 over the BLAKE3 of each 1 MiB chunk of the disk, in order. */
      readonly blake3: string;
    }
  | {
      readonly diskId: string;
      /** The same with SHA-256: relocations recorded before the copy hashed with BLAKE3. */
      readonly sha256: string;
    };

export type OperationRequested = DomainEvent<
  'operation.requested',
  {
    operationId: string;
    kind: OperationKind;
    vmId: string;
    hostId: string;
    mode: TransferMode;
    source: VmHardware;
    target: VmHardware;
    segments: SegmentPlan[];
    totalPFrames: number;
    predictedStunMs: number;
    slaMs: number;
    /** Relocations only: where the disks go and how many bytes move. */
    relocation?: OperationRelocation;
  }
>;
export type OperationPhaseStarted = DomainEvent<
  'operation.phase-started',
  { operationId: string; phase: OperationPhase; startedAt: string }
>;
export type OperationPhaseCompleted = DomainEvent<
  'operation.phase-completed',
  {
    operationId: string;
    phase: OperationPhase;
    startedAt: string;
    endedAt: string;
    /** A phase the host agent timed: to the microsecond, where the two instants keep only milliseconds. */
    durationMs?: number;
  }
>;
/** The host agent was asked to build the destination under this epoch (a later ask takes a higher one). */
export type OperationPrepareSent = DomainEvent<'operation.prepare-sent', { operationId: string; epoch: number }>;
/** The point of no cancel: the switch-over was handed to the host agent. */
export type OperationSwitchoverStarted = DomainEvent<
  'operation.switchover-started',
  { operationId: string; epoch: number }
>;
export type OperationSegmentCompleted = DomainEvent<
  'operation.segment-completed',
  { operationId: string; segment: SegmentResult; partition: number }
>;
export type OperationSwitchedOver = DomainEvent<
  'operation.switched-over',
  {
    operationId: string;
    suspendedAt: string;
    resumedAt: string;
    stunMs: number;
    transferMs: number;
    checksum: string;
    slaBreached: boolean;
    /** Relocations: the disks' content when the source was suspended, equal on both copies. */
    disks?: DiskContentHash[];
  }
>;
/** The live disk copy advanced; never reported backwards. */
export type OperationDiskCopyProgressed = DomainEvent<
  'operation.disk-copy-progressed',
  { operationId: string; copiedBytes: number; totalBytes: number; bytesPerSecond: number }
>;
/** The copy converged and was read back: from now on every guest write lands on both copies. */
export type OperationDisksCopied = DomainEvent<
  'operation.disks-copied',
  { operationId: string; bytes: number; durationMs: number; bytesPerSecond: number; mirroredWrites: number }
>;
export type OperationSucceeded = DomainEvent<'operation.succeeded', { operationId: string }>;
export type OperationFailed = DomainEvent<'operation.failed', { operationId: string; cause: OperationCause }>;
export type OperationRolledBack = DomainEvent<
  'operation.rolled-back',
  { operationId: string; cause: OperationCause; stunMs: number | null }
>;
export type OperationCancelled = DomainEvent<'operation.cancelled', { operationId: string; by: string }>;

export type OperationEvent =
  | OperationRequested
  | OperationPhaseStarted
  | OperationPhaseCompleted
  | OperationPrepareSent
  | OperationSwitchoverStarted
  | OperationSegmentCompleted
  | OperationDiskCopyProgressed
  | OperationDisksCopied
  | OperationSwitchedOver
  | OperationSucceeded
  | OperationFailed
  | OperationRolledBack
  | OperationCancelled;
