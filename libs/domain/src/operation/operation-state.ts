import { SegmentPlan, SegmentResult, TransferMode } from '../fsr/segment';
import { OperationNotFoundError } from './operation.errors';
import { VmHardware } from '../vm/vm.events';
import {
  DiskContentHash,
  OperationCause,
  OperationDisksCopied,
  OperationEvent,
  OperationKind,
  OperationPhase,
  OperationRelocation,
} from './operation.events';

export type OperationStatus = 'queued' | 'running' | 'switching-over' | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled';

export interface OperationPhaseRecord {
  readonly name: OperationPhase;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

/** An operation never requested: nothing is known of it. */
export interface NoOperation {
  readonly exists: false;
}

export interface ExistingOperation {
  readonly exists: true;
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly vmId: string;
  readonly hostId: string;
  readonly mode: TransferMode;
  readonly status: OperationStatus;
  /** The phase running now, null between phases. */
  readonly phase: OperationPhase | null;
  readonly phases: readonly OperationPhaseRecord[];
  readonly segments: readonly SegmentPlan[];
  /** Completed segments, by ascending index. */
  readonly segmentResults: readonly SegmentResult[];
  readonly totalPFrames: number;
  readonly predictedStunMs: number;
  readonly slaMs: number;
  readonly epoch: number | null;
  /** The highest epoch a prepare or the switch-over was sent under; 0 before any. */
  readonly lastEpoch: number;
  readonly switchedOver: boolean;
  readonly suspendedAt: string | null;
  readonly resumedAt: string | null;
  readonly transferMs: number | null;
  readonly stunMs: number | null;
  readonly slaBreached: boolean | null;
  readonly checksum: string | null;
  readonly cause: OperationCause | null;
  readonly cancelledBy: string | null;
  readonly source: VmHardware;
  readonly target: VmHardware;
  readonly relocation: OperationRelocation | null;
  /** Relocations: bytes of the live disk copy done so far (only grows). */
  readonly copiedBytes: number;
  readonly disksCopied: Omit<OperationDisksCopied['data'], 'operationId'> | null;
  readonly diskHashes: readonly DiskContentHash[] | null;
}

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
  switchedOver: false,
  suspendedAt: null,
  resumedAt: null,
  transferMs: null,
  stunMs: null,
  slaBreached: null,
  checksum: null,
  cause: null,
  cancelledBy: null,
  copiedBytes: 0,
  disksCopied: null,
  diskHashes: null,
} as const satisfies Partial<ExistingOperation>;

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
      const status = state.status === 'queued' ? 'running' : state.status;
      return { ...state, status, phase, phases: [...state.phases, { name: phase, startedAt, endedAt: null }] };
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
      const { suspendedAt, resumedAt, stunMs, transferMs, checksum, slaBreached } = event.data;
      const diskHashes = event.data.disks ?? null;
      return { ...state, switchedOver: true, suspendedAt, resumedAt, stunMs, transferMs, checksum, slaBreached, diskHashes };
    }
    case 'operation.succeeded':
      return { ...state, status: 'succeeded', phase: null };
    case 'operation.failed':
      return { ...state, status: 'failed', phase: null, cause: event.data.cause };
    case 'operation.rolled-back':
      return { ...state, status: 'rolled-back', phase: null, cause: event.data.cause, stunMs: event.data.stunMs ?? state.stunMs };
    case 'operation.cancelled':
      return { ...state, status: 'cancelled', phase: null, cancelledBy: event.data.by };
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}
