import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SegmentPlan } from '@fsr/domain';
import { Redis } from 'ioredis';
import { CopyPool } from '../../src/copy/copy-pool';
import { SegmentCopyOutcome } from '../../src/copy/segment-copy.task';
import { PreparedSwitchover } from '../../src/fsr/prepared-switchover';
import { SegmentCopier } from '../../src/fsr/segment-copier';
import { connection, removePrefix } from '../harness';
import { FaultInjectingSegmentCopier } from './fault-injecting-segment-copier';
import { injectSegmentFault, segmentFaultKey } from './segment-fault';

const prefix = `test-${randomUUID()}`;
const outcome: SegmentCopyOutcome = { checksum: 'c', sourceChecksum: 'c', startedAt: 0, endedAt: 0 };
let redis: Redis;
let pool: CopyPool;

beforeAll(async () => {
  redis = new Redis(connection);
  pool = await CopyPool.start(1, join(__dirname, 'fault-copy-thread.js'));
});

afterAll(async () => {
  await pool.close();
  redis.disconnect();
  await removePrefix(prefix);
});

const segment = (index: number): SegmentPlan => ({ index, partition: index, ppnStart: index * 16, ppnCount: 16 });

/** Just what the copier reads of a switch-over: its identity and a segment's copy task. */
const switchoverOf = (vmId: string): PreparedSwitchover => {
  const table = new SharedArrayBuffer(64 * 4);
  const copyTaskOf = (index: number) => ({ source: table, destination: new SharedArrayBuffer(64 * 4), ppnStart: index * 16, ppnCount: 16 });
  return { operationId: randomUUID(), vmId, copyTaskOf } as unknown as PreparedSwitchover;
};

const recordingCopier = () => {
  const calls: string[] = [];
  const inner: SegmentCopier = { copy: async (_, plan, attempt) => (calls.push(`${plan.index}/${attempt}`), outcome) };
  return { calls, copier: new FaultInjectingSegmentCopier(inner, pool, redis, prefix) };
};

describe('FaultInjectingSegmentCopier', () => {
  it('fails the armed segment for its first failAttempts attempts only, and copies every other one through the real copier', async () => {
    const vmId = `vm-${randomUUID()}`;
    await injectSegmentFault(redis, prefix, vmId, { segmentIndex: 1, failAttempts: 2, kind: 'throw' });
    const { calls, copier } = recordingCopier();
    const switchover = switchoverOf(vmId);
    await copier.prepared(switchover);
    await expect(copier.copy(switchover, segment(0), 1)).resolves.toBe(outcome);
    await expect(copier.copy(switchover, segment(1), 1)).rejects.toThrow('injected fault in segment 1, attempt 1');
    await expect(copier.copy(switchover, segment(1), 2)).rejects.toThrow('injected fault in segment 1, attempt 2');
    await expect(copier.copy(switchover, segment(1), 3)).resolves.toBe(outcome);
    expect(calls).toEqual(['0/1', '1/3']);
  });

  it('takes a fault once, when the destination is prepared: a destination prepared again, or the VM\'s next one, copies without it', async () => {
    const vmId = `vm-${randomUUID()}`;
    await injectSegmentFault(redis, prefix, vmId, { segmentIndex: 0, failAttempts: 1, kind: 'throw' });
    const { calls, copier } = recordingCopier();
    const first = switchoverOf(vmId);
    await copier.prepared(first);
    expect(await redis.exists(segmentFaultKey(prefix, vmId))).toBe(0);
    const again = switchoverOf(vmId);
    await copier.prepared(again);
    await expect(copier.copy(again, segment(0), 1)).resolves.toBe(outcome);
    await expect(copier.copy(first, segment(0), 1)).rejects.toThrow('injected');
    expect(calls).toEqual(['0/1']);
  });

  it('arms a fault for a minute at most: one that no switch-over took does not wait for a later test', async () => {
    const vmId = `vm-${randomUUID()}`;
    await injectSegmentFault(redis, prefix, vmId, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const ttl = await redis.pttl(segmentFaultKey(prefix, vmId));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('crashes the copy thread under a crash-thread attempt; the retry goes through the real copier', async () => {
    const vmId = `vm-${randomUUID()}`;
    await injectSegmentFault(redis, prefix, vmId, { segmentIndex: 0, failAttempts: 1, kind: 'crash-thread' });
    const { calls, copier } = recordingCopier();
    const switchover = switchoverOf(vmId);
    await copier.prepared(switchover);
    await expect(copier.copy(switchover, segment(0), 1)).rejects.toThrow(/exited/);
    await expect(copier.copy(switchover, segment(0), 2)).resolves.toBe(outcome);
    await expect(pool.run(switchover.copyTaskOf(0))).resolves.toHaveProperty('checksum');
    expect(calls).toEqual(['0/2']);
  });
});
