import { SegmentPlan } from '@fsr/domain';
import { CopyPool } from '../copy/copy-pool';
import { SegmentCopyOutcome } from '../copy/segment-copy.task';
import { PreparedSwitchover } from './prepared-switchover';

/** Copies one attempt of a segment inside the stun: the seam a test agent decorates to inject faults. */
export interface SegmentCopier {
  /** Told of each destination prepared, before the stun: whatever a copier must learn, it learns here. */
  prepared?(switchover: PreparedSwitchover): Promise<void>;
  copy(switchover: PreparedSwitchover, segment: SegmentPlan, attempt: number): Promise<SegmentCopyOutcome>;
}

/** First attempts go to the copy threads together, split per thread; a retry copies alone. */
export const pooledSegmentCopier = (copyPool: CopyPool): SegmentCopier => ({
  copy: (switchover, segment, attempt) =>
    attempt === 1
      ? switchover.firstAttemptOf(segment.index, (tasks) => copyPool.runSplit(tasks))
      : copyPool.run(switchover.copyTaskOf(segment.index)),
});
