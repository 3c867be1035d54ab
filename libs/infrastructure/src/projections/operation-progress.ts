import { SegmentResult } from '@fsr/domain';
import { OperationPhaseEntry, OperationProgress, OperationSegmentEntry, OperationViewRow } from './view-rows';

const isoFromEpochMs = (epochMs: number): string => new Date(epochMs).toISOString();

export function completeSegment(
  segments: readonly OperationSegmentEntry[],
  result: SegmentResult,
  partition: number,
): OperationSegmentEntry[] {
  return segments.map((segment) =>
    segment.index === result.index
      ? {
          ...segment,
          partition,
          state: 'done',
          startedAt: isoFromEpochMs(result.startedAt),
          endedAt: isoFromEpochMs(result.endedAt),
          checksum: result.checksum,
        }
      : segment,
  );
}

const transferred = (segments: readonly OperationSegmentEntry[]): number =>
  segments.filter((segment) => segment.state === 'done').reduce((sum, segment) => sum + segment.ppnCount, 0);

/** Progress only moves forward, even when a retried switch-over reports its segments again. */
export function advanceProgress(progress: OperationProgress, done: number): OperationProgress {
  return { ...progress, done: Math.min(progress.total, Math.max(progress.done, done)) };
}

export const progressOfSegments = (row: OperationViewRow, segments: readonly OperationSegmentEntry[]): OperationProgress =>
  advanceProgress(row.progress, transferred(segments));

export function startPhase(phases: readonly OperationPhaseEntry[], name: OperationPhaseEntry['name'], startedAt: string) {
  return [...phases, { name, startedAt, endedAt: null }];
}

export function endPhase(
  phases: readonly OperationPhaseEntry[],
  name: OperationPhaseEntry['name'],
  startedAt: string,
  endedAt: string,
  durationMs?: number,
): OperationPhaseEntry[] {
  const precise = durationMs === undefined ? {} : { durationMs };
  const openIndex = phases.findLastIndex((phase) => phase.name === name && phase.endedAt === null);
  if (openIndex === -1) return [...phases, { name, startedAt, endedAt, ...precise }];
  return phases.map((phase, index) => (index === openIndex ? { ...phase, endedAt, ...precise } : phase));
}
