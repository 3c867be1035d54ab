import { checksumSource, copySegment, copySegments, SegmentCopyBatch, SegmentCopyOutcome, SegmentCopyTask, SourceChecksumTask } from './segment-copy.task';

export { copyDiskStripe } from '../storage/disk-stripe-copy';

const CRASH_EXIT_CODE = 70;

/** Piscina handler run in each copy thread; in a worker thread process.exit ends only that thread. */
export default function runSegmentCopy(task: SegmentCopyTask | SourceChecksumTask | SegmentCopyBatch): SegmentCopyOutcome | SegmentCopyOutcome[] | string {
  if ('kind' in task) return task.kind === 'batch' ? copySegments(task) : checksumSource(task);
  if (task.crashThread) process.exit(CRASH_EXIT_CODE);
  return copySegment(task);
}
