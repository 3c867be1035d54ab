import { SegmentPlan, SegmentResult, TransferMode } from '../fsr/segment';
import { OperationNotFoundError } from './operation.errors';
import { VmHardware } from '../vm/vm.events';
import {
  OperationCause,
  OperationDisksCopied,
  OperationEvent,
  OperationKind,
  OperationPhase,
  OperationRelocation,
  OperationSwitchedOver,
} from './operation.events';

export interface OperationPhaseRecord {
  readonly name: OperationPhase;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/** An operation never requested: nothing is known of it. */
export interface NoOperation {
  readonly exists: false;
}

/** What the agent reported of the stun it ran to the end: the operation switched over. */
export type RecordedSwitchover = Omit<OperationSwitchedOver['data'], 'operationId'>;

/** What every requested operation holds, whatever became of it. */
interface RequestedOperation {
  readonly exists: true;
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly vmId: string;
  readonly hostId: string;
  readonly mode: TransferMode;
  /** The phase running now, null between phases. */
  readonly phase: OperationPhase | null;
  readonly phases: readonly OperationPhaseRecord[];
  readonly segments: readonly SegmentPlan[];
  /** Completed segments, by ascending index. */
  readonly segmentResults: readonly SegmentResult[];
  readonly totalPFrames: number;
  readonly predictedStunMs: number;
  readonly slaMs: number;
  /** The epoch the switch-over was handed over under; null before the point of no cancel. */
  readonly epoch: number | null;
  /** The highest epoch a prepare or the switch-over was sent under; 0 before any. */
  readonly lastEpoch: number;
  /** Null until the agent's stun ended switched over. */
  readonly switchover: RecordedSwitchover | null;
  readonly source: VmHardware;
  readonly target: VmHardware;
  /** Relocations only. */
  readonly relocation: OperationRelocation | null;
  /** Relocations: bytes of the live disk copy done so far (only grows). */
  readonly copiedBytes: number;
  /** Relocations: null until the copy converged. */
  readonly disksCopied: Omit<OperationDisksCopied['data'], 'operationId'> | null;
}

export type UnfinishedOperation = RequestedOperation & { readonly status: 'queued' | 'running' | 'switching-over' };
export type SucceededOperation = RequestedOperation & { readonly status: 'succeeded' };
export type FailedOperation = RequestedOperation & { readonly status: 'failed'; readonly cause: OperationCause };
/** `stunMs`: how long the guest was stunned before it resumed on its source; null when the stun never began. */
export type RolledBackOperation = RequestedOperation & { readonly status: 'rolled-back'; readonly cause: OperationCause; readonly stunMs: number | null };
export type CancelledOperation = RequestedOperation & { readonly status: 'cancelled'; readonly cancelledBy: string };

/** An operation as its status says: only an ended one has an ending, and only that ending's facts. */
export type ExistingOperation = UnfinishedOperation | SucceededOperation | FailedOperation | RolledBackOperation | CancelledOperation;

export type OperationStatus = ExistingOperation['status'];

export type OperationState = NoOperation | ExistingOperation;

export const initialOperationState: OperationState = { exists: false };

/** The operation, requested, or OPERATION_NOT_FOUND: what every decision but a request starts from. */
export function requireOperation(state: OperationState, operationId?: string): ExistingOperation {
  if (!state.exists) throw new OperationNotFoundError(operationId);
  return state;
}

/** What every operation holds once requested, before anything else happened to it. */
const JUST_REQUESTED = {
  status: 'queued',
  phase: null,
  phases: [],
  segmentResults: [],
  epoch: null,
  lastEpoch: 0,
  switchover: null,
  copiedBytes: 0,
  disksCopied: null,
} as const satisfies Partial<UnfinishedOperation>;

const TERMINAL: readonly OperationStatus[] = ['succeeded', 'failed', 'rolled-back', 'cancelled'];

export const isTerminal = (state: Pick<ExistingOperation, 'status'>): boolean => TERMINAL.includes(state.status);

export function evolveOperation(state: OperationState, event: OperationEvent): OperationState {
  if (event.type === 'operation.requested') {
    const { operationId, kind, vmId, hostId, mode, source, target, segments, totalPFrames, predictedStunMs, slaMs } = event.data;
    const relocation = event.data.relocation ?? null;
    return { ...JUST_REQUESTED, exists: true, operationId, kind, vmId, hostId, mode, source, target, segments, totalPFrames, predictedStunMs, slaMs, relocation };
  }
  // Every other event follows the request in the operation's own stream.
  return state.exists ? evolveExisting(state, event) : state;
}

function evolveExisting(state: ExistingOperation, event: Exclude<OperationEvent, { type: 'operation.requested' }>): ExistingOperation {
  switch (event.type) {
    case 'operation.phase-started': {
      const { phase, startedAt } = event.data;
      const phases = [...state.phases, { name: phase, startedAt, endedAt: null }];
      return state.status === 'queued' ? { ...state, status: 'running', phase, phases } : { ...state, phase, phases };
    }
    case 'operation.phase-completed': {
      const { phase, startedAt, endedAt } = event.data;
      const open = state.phases.findLastIndex((record) => record.name === phase && record.endedAt === null);
      const closed = { name: phase, startedAt, endedAt };
      const phases = open < 0 ? [...state.phases, closed] : state.phases.map((record, i) => (i === open ? closed : record));
      return { ...state, phases, phase: state.phase === phase ? null : state.phase };
    }
    case 'operation.prepare-sent':
      return { ...state, lastEpoch: Math.max(state.lastEpoch, event.data.epoch) };
    case 'operation.switchover-started':
      return { ...state, status: 'switching-over', epoch: event.data.epoch, lastEpoch: Math.max(state.lastEpoch, event.data.epoch) };
    case 'operation.segment-completed': {
      const { segment } = event.data;
      const others = state.segmentResults.filter((result) => result.index !== segment.index);
      return { ...state, segmentResults: [...others, segment].sort((a, b) => a.index - b.index) };
    }
    case 'operation.disk-copy-progressed':
      return { ...state, copiedBytes: Math.max(state.copiedBytes, event.data.copiedBytes) };
    case 'operation.disks-copied': {
      const { operationId: _id, ...copied } = event.data;
      return { ...state, copiedBytes: Math.max(state.copiedBytes, copied.bytes), disksCopied: copied };
    }
    case 'operation.switched-over': {
      const { operationId: _id, ...switchover } = event.data;
      return { ...state, switchover };
    }
    case 'operation.succeeded':
      return { ...state, status: 'succeeded', phase: null };
    case 'operation.failed':
      return { ...state, status: 'failed', phase: null, cause: event.data.cause };
    case 'operation.rolled-back':
      return { ...state, status: 'rolled-back', phase: null, cause: event.data.cause, stunMs: event.data.stunMs ?? state.switchover?.stunMs ?? null };
    case 'operation.cancelled':
      return { ...state, status: 'cancelled', phase: null, cancelledBy: event.data.by };
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}
