import { isEventOf, OperationEvent, OperationRequested, RecordedEvent } from '@fsr/domain';
import { advanceProgress, completeSegment, endPhase, progressOfSegments, startPhase } from './operation-progress';
import { occurredAt, ViewProjection } from './view-projection';
import { OperationViewState, OperationViewRow } from './view-rows';

function requested(event: OperationRequested, at: Date, version: number): OperationViewRow {
  const data = event.data;
  return {
    id: data.operationId,
    kind: data.kind,
    vmId: data.vmId,
    hostId: data.hostId,
    state: 'queued',
    phase: null,
    mode: data.mode,
    request: { source: data.source, target: data.target },
    progress: data.relocation
      ? { done: 0, total: data.relocation.totalBytes, unit: 'bytes' }
      : { done: 0, total: data.totalPFrames, unit: 'pframes' },
    phases: [],
    segments: data.segments.map(({ index, partition, ppnStart, ppnCount }) => ({
      index,
      partition,
      ppnStart,
      ppnCount,
      state: 'pending',
      startedAt: null,
      endedAt: null,
      checksum: null,
    })),
    predictedStunMs: data.predictedStunMs,
    stunMs: null,
    slaMs: data.slaMs,
    slaBreached: null,
    checksum: null,
    error: null,
    relocation: data.relocation
      ? { ...data.relocation, bytesPerSecond: null, mirroredWrites: null, copyDurationMs: null, disks: null }
      : null,
    version,
    createdAt: at,
    updatedAt: at,
  };
}

const running = (state: OperationViewState): OperationViewState => (state === 'queued' ? 'running' : state);

export function evolveOperationView(row: OperationViewRow | null, recorded: RecordedEvent): OperationViewRow | null {
  if (!isEventOf(recorded, ...OPERATION_EVENT_TYPES)) return row;
  const event = recorded;
  const at = occurredAt(recorded);
  if (event.type === 'operation.requested') return requested(event, at, recorded.streamVersion);
  if (!row) return null;
  const base = { ...row, version: recorded.streamVersion, updatedAt: at };
  switch (event.type) {
    case 'operation.phase-started':
      return {
        ...base,
        state: running(row.state),
        phase: event.data.phase,
        phases: startPhase(row.phases, event.data.phase, event.data.startedAt),
      };
    case 'operation.phase-completed': {
      const { phase, startedAt, endedAt, durationMs } = event.data;
      const current = row.phase === phase ? null : row.phase;
      return { ...base, phase: current, phases: endPhase(row.phases, phase, startedAt, endedAt, durationMs) };
    }
    case 'operation.prepare-sent':
      return base;
    case 'operation.switchover-started':
      return { ...base, state: running(row.state) };
    case 'operation.segment-completed': {
      const segments = completeSegment(row.segments, event.data.segment, event.data.partition);
      return { ...base, segments, progress: row.relocation ? row.progress : progressOfSegments(row, segments) };
    }
    case 'operation.disk-copy-progressed': {
      const relocation = row.relocation && { ...row.relocation, bytesPerSecond: event.data.bytesPerSecond };
      return { ...base, relocation, progress: advanceProgress(row.progress, event.data.copiedBytes) };
    }
    case 'operation.disks-copied': {
      const { bytes, bytesPerSecond, mirroredWrites, durationMs } = event.data;
      const relocation = row.relocation && { ...row.relocation, bytesPerSecond, mirroredWrites, copyDurationMs: durationMs };
      return { ...base, relocation, progress: advanceProgress(row.progress, bytes) };
    }
    case 'operation.switched-over': {
      const { stunMs, checksum, slaBreached } = event.data;
      const relocation = row.relocation && { ...row.relocation, disks: event.data.disks ?? null };
      return { ...base, stunMs, checksum, slaBreached, relocation, progress: advanceProgress(row.progress, row.progress.total) };
    }
    case 'operation.succeeded':
      return { ...base, state: 'succeeded', phase: null, progress: advanceProgress(row.progress, row.progress.total) };
    case 'operation.failed':
      return { ...base, state: 'failed', phase: null, error: { ...event.data.cause } };
    case 'operation.rolled-back':
      return { ...base, state: 'rolled-back', phase: null, error: { ...event.data.cause }, stunMs: event.data.stunMs ?? row.stunMs };
    case 'operation.cancelled':
      return { ...base, state: 'cancelled', phase: null };
    default: {
      const _unhandled: never = event;
      return row;
    }
  }
}

const OPERATION_EVENT_TYPES = [
  'operation.requested',
  'operation.phase-started',
  'operation.phase-completed',
  'operation.prepare-sent',
  'operation.switchover-started',
  'operation.segment-completed',
  'operation.disk-copy-progressed',
  'operation.disks-copied',
  'operation.switched-over',
  'operation.succeeded',
  'operation.failed',
  'operation.rolled-back',
  'operation.cancelled',
] as const satisfies readonly OperationEvent['type'][];

export const operationViewProjection: ViewProjection = {
  eventTypes: new Set<string>(OPERATION_EVENT_TYPES),
  async apply(event, views) {
    if (!isEventOf(event, ...OPERATION_EVENT_TYPES)) return;
    const id = event.data.operationId;
    const next = evolveOperationView(await views.get('operation', id), event);
    if (next) views.put('operation', next);
  },
};
