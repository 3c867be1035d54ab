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
 * applied to its next switch-over. The fault is taken from Redis once per operation, at its first segment.
 */
export class FaultInjectingSegmentCopier implements SegmentCopier {
  private readonly faults = new Map<string, Promise<SegmentFault | null>>();
  private readonly injected = new Map<string, number>();

  constructor(
    private readonly inner: SegmentCopier,
    private readonly copyPool: CopyPool,
    private readonly redis: RedisClient,
    private readonly queuePrefix: string,
  ) {}

  async copy(switchover: PreparedSwitchover, segment: SegmentPlan, attempt: number): Promise<SegmentCopyOutcome> {
    const fault = await this.faultOf(switchover);
    const kind = fault?.segmentIndex === segment.index ? this.injectFor(switchover.operationId, fault, attempt) : null;
    if (kind === 'throw') throw new Error(`injected fault in segment ${segment.index}, attempt ${attempt}`);
    if (kind === 'stall') await setTimeout(STALL_MS);
    if (kind === 'crash-thread') {
      const crashing: CrashingTask = { ...switchover.copyTaskOf(segment.index), crashThread: true };
      return this.copyPool.run(crashing);
    }
    return this.inner.copy(switchover, segment, attempt);
  }

  private faultOf(switchover: PreparedSwitchover): Promise<SegmentFault | null> {
    let fault = this.faults.get(switchover.operationId);
    if (!fault) {
      fault = this.redis
        .getdel(segmentFaultKey(this.queuePrefix, switchover.vmId))
        .then((text) => (text === null ? null : segmentFaultSchema.parse(JSON.parse(text))));
      this.faults.set(switchover.operationId, fault);
    }
    return fault;
  }

  /** The fault's kind for this attempt of its segment: for its first `failAttempts` attempts only. */
  private injectFor(operationId: string, fault: SegmentFault, attempt: number): SegmentFault['kind'] | null {
    const key = `${operationId}/${fault.segmentIndex}`;
    const failed = this.injected.get(key) ?? 0;
    if (failed >= fault.failAttempts || attempt > fault.failAttempts) return null;
    this.injected.set(key, failed + 1);
    return fault.kind;
  }
}
