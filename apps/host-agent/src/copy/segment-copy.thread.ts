import {
  checksumSource,
  copySegment,
  copySegments,
  copySegmentsAtGate,
  GatedSegmentCopyBatch,
  SegmentCopyBatch,
  SegmentCopyOutcome,
  SegmentCopyTask,
  SourceChecksumTask,
  TableTouchTask,
  touchTable,
} from './segment-copy.task';

export { copyDiskStripes } from '../storage/disk-stripe-copy';

/** Piscina handler run in each copy thread; in a worker thread process.exit ends only that thread. */
export default function runSegmentCopy(
  task: SegmentCopyTask | SourceChecksumTask | SegmentCopyBatch | GatedSegmentCopyBatch | TableTouchTask,
): SegmentCopyOutcome | SegmentCopyOutcome[] | string | undefined {
  if ('kind' in task) {
    if (task.kind === 'batch') return copySegments(task);
    if (task.kind === 'gated-batch') return copySegmentsAtGate(task);
    if (task.kind === 'touch') {
      touchTable(task);
      return undefined;
    }
    return checksumSource(task);
  }
  return copySegment(task);
}
