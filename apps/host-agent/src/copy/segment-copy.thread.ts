import { checksumSource, copySegment, copySegments, SegmentCopyBatch, SegmentCopyOutcome, SegmentCopyTask, SourceChecksumTask, TableTouchTask, touchTable } from './segment-copy.task';

export { copyDiskStripe } from '../storage/disk-stripe-copy';

const CRASH_EXIT_CODE = 70;

/** Piscina handler run in each copy thread; in a worker thread process.exit ends only that thread. */
export default function runSegmentCopy(task: SegmentCopyTask | SourceChecksumTask | SegmentCopyBatch | TableTouchTask): SegmentCopyOutcome | SegmentCopyOutcome[] | string | undefined {
  if ('kind' in task) {
    if (task.kind === 'batch') return copySegments(task);
    if (task.kind === 'touch') {
      touchTable(task);
      return undefined;
    }
    return checksumSource(task);
  }
  if (task.crashThread) process.exit(CRASH_EXIT_CODE);
  return copySegment(task);
}
