import { SegmentPlan } from '@fsr/domain';
import { RedisClient } from '@fsr/redis-plumbing';
import { setTimeout } from 'node:timers/promises';
import { CopyPool } from '../../src/copy/copy-pool';
import { SegmentCopyOutcome, SegmentCopyTask } from '../../src/copy/segment-copy.task';
import { PreparedSwitchover } from '../../src/fsr/prepared-switchover';
import { SegmentCopier } from '../../src/fsr/segment-copier';
import { SegmentFault, segmentFaultKey, segmentFaultSchema, STALL_MS } from './segment-fault';

/** A copy task the test copy threads (`fault-copy-thread.js`) answer by exiting. */
type CrashingTask = SegmentCopyTask & { readonly crashThread: true };

/**
 * A test agent's segment copier: the real one, with the fault a test armed for the VM (`injectSegmentFault`)
 * applied to its next switch-over. The fault is taken from Redis when the destination is prepared, so nothing
 * of it waits on Redis inside the stun; a destination prepared again (a new epoch) has none.
 */
export class FaultInjectingSegmentCopier implements SegmentCopier {
  private readonly faults = new WeakMap<PreparedSwitchover, SegmentFault>();
  private readonly injected = new WeakMap<PreparedSwitchover, Map<number, number>>();

  constructor(
    private readonly inner: SegmentCopier,
    private readonly copyPool: CopyPool,
    private readonly redis: RedisClient,
    private readonly queuePrefix: string,
  ) {}

  async prepared(switchover: PreparedSwitchover): Promise<void> {
    const text = await this.redis.getdel(segmentFaultKey(this.queuePrefix, switchover.vmId));
    if (text !== null) this.faults.set(switchover, segmentFaultSchema.parse(JSON.parse(text)));
  }

  async ready(switchover: PreparedSwitchover): Promise<void> {
    await this.inner.ready?.(switchover);
  }

  async copy(switchover: PreparedSwitchover, segment: SegmentPlan, attempt: number): Promise<SegmentCopyOutcome> {
    const fault = this.faults.get(switchover);
    const kind = fault?.segmentIndex === segment.index ? this.injectFor(switchover, fault, attempt) : null;
    if (kind === 'throw') throw new Error(`injected fault in segment ${segment.index}, attempt ${attempt}`);
    if (kind === 'stall') await setTimeout(STALL_MS);
    if (kind === 'crash-thread') {
      const crashing: CrashingTask = { ...switchover.copyTaskOf(segment.index), crashThread: true };
      return this.copyPool.run(crashing);
    }
    return this.inner.copy(switchover, segment, attempt);
  }

  /** The fault's kind for this attempt of its segment: for its first `failAttempts` attempts only. */
  private injectFor(switchover: PreparedSwitchover, fault: SegmentFault, attempt: number): SegmentFault['kind'] | null {
    const counts = this.injected.get(switchover) ?? new Map<number, number>();
    this.injected.set(switchover, counts);
    const failed = counts.get(fault.segmentIndex) ?? 0;
    if (failed >= fault.failAttempts || attempt > fault.failAttempts) return null;
    counts.set(fault.segmentIndex, failed + 1);
    return fault.kind;
  }
}
