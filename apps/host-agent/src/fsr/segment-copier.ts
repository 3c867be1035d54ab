import { SegmentPlan } from '@fsr/domain';
import { CopyPool } from '../copy/copy-pool';
import { SegmentCopyOutcome } from '../copy/segment-copy.task';
import { PreparedSwitchover } from './prepared-switchover';

/** Copies one attempt of a segment inside the stun: the seam a test agent decorates to inject faults. */
export interface SegmentCopier {
  /** Told of each destination prepared, before the stun: whatever a copier must learn, it learns here. */
  prepared?(switchover: PreparedSwitchover): Promise<void>;
  /** Just before the suspend: whatever can be handed to the copy threads ahead of the stun, is. */
  ready?(switchover: PreparedSwitchover): Promise<void>;
  copy(switchover: PreparedSwitchover, segment: SegmentPlan, attempt: number): Promise<SegmentCopyOutcome>;
}

/** How long the executor waits, before the suspend, for the copy threads to take their share (a thread still starting after a crash comes late). */
const THREADS_READY_BOUND_MS = 50;
/** How long a copy thread waits at the gate for the stun: past it the gate is called off, and the stun hands the segments out anew. */
const GATE_WAIT_MS = 2_000;

/** First attempts wait on the copy threads for the stun, split per thread; a retry copies alone. */
export const pooledSegmentCopier = (copyPool: CopyPool): SegmentCopier => ({
  ready: (switchover) => switchover.readyFirstAttempts((tasks, gate) => copyPool.readySplit(tasks, gate, GATE_WAIT_MS), THREADS_READY_BOUND_MS),
  copy: (switchover, segment, attempt) =>
    attempt === 1
      ? switchover.firstAttemptOf(segment.index, (tasks) => copyPool.runSplit(tasks))
      : copyPool.run(switchover.copyTaskOf(segment.index)),
});
