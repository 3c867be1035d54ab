import { DomainEvent } from '../shared/event';
import { SegmentPlan, SegmentResult, TransferMode } from '../fsr/segment';
import { VmHardware } from '../vm/vm.events';

export type OperationKind = 'hot-add' | 'relocate';
export type OperationPhase =
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
    /** Test clusters only: a segment made to fail, recorded so the log explains the outcome. */
    faultInjection?: { segmentIndex: number; failAttempts: number; kind: 'throw' | 'crash-thread' };
  }
>;
export type OperationPhaseStarted = DomainEvent<
  'operation.phase-started',
  { operationId: string; phase: OperationPhase; startedAt: string }
>;
export type OperationPhaseCompleted = DomainEvent<
  'operation.phase-completed',
  { operationId: string; phase: OperationPhase; startedAt: string; endedAt: string }
>;
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
  }
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
  | OperationSwitchoverStarted
  | OperationSegmentCompleted
  | OperationSwitchedOver
  | OperationSucceeded
  | OperationFailed
  | OperationRolledBack
  | OperationCancelled;
