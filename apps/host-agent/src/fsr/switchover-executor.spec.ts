import { PrepareSwitchoverCommand } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { CopyPool } from '../copy/copy-pool';
import { copySegment } from '../copy/segment-copy.task';
import { MpnPool } from '../memory/mpn-pool';
import { powerOn } from '../vm/vm-power';
import { buildDestination } from './destination-builder';
import { EndedSwitchovers } from './ended-switchovers';
import { PreparedSwitchover } from './prepared-switchover';
import { pooledSegmentCopier, SegmentCopier } from './segment-copier';
import { StripeCopier } from '../storage/disk-mirror';
import { EndedDiskCopies } from '../storage/ended-disk-copies';
import { discardSwitchover } from './switchover-discard';
import { executeSwitchover } from './switchover-executor';
import { switchoverStatus } from './switchover-status';

const newContext = (): AgentContext => ({
  hostId: 'h1',
  settings: { prepareTtlMs: 60_000 },
  pool: new MpnPool(16_384),
  copyPool: null as unknown as CopyPool,
  segmentCopier: { copy: () => Promise.reject(new Error('the segments copy in armSegments here')) } satisfies SegmentCopier,
  diskCopier: null as unknown as StripeCopier,
  vms: new Map(),
  switchovers: new Map(),
  agentInstanceId: 'agent-under-test',
  diskCopies: new Map(),
  publish: async () => undefined,
  endedSwitchovers: new EndedSwitchovers(),
  endedDiskCopies: new EndedDiskCopies(),
});

const command = (overrides: Partial<PrepareSwitchoverCommand> = {}): Omit<PrepareSwitchoverCommand, 'type'> => ({
  operationId: 'op-1',
  epoch: 1,
  vmId: 'vm-1',
  mode: 'distributed',
  targetVcpus: 4,
  targetMemoryMiB: 6,
  segments: [0, 1, 2, 3].map((index) => ({ index, partition: index, ppnStart: index * 256, ppnCount: 256 })),
  ...overrides,
});

/** Stands in for the partition workers: each segment arms, then copies when released. */
function armSegments(switchover: PreparedSwitchover, corrupt?: number, failing?: number): void {
  switchover.phase = 'prepared';
  for (const segment of switchover.command.segments) {
    void switchover.arm(segment.index).then(
      () => {
        if (segment.index === failing) {
          switchover.segmentFailed(segment.index, 3, 'boom');
          return;
        }
        const outcome = copySegment({ source: switchover.source.table.buffer, destination: switchover.destination.table.buffer, ...segment });
        switchover.segmentSucceeded(segment.index, segment.index === corrupt ? { ...outcome, checksum: '00000000' } : outcome, 1);
      },
      () => undefined,
    );
  }
}

function setUp() {
  const context = newContext();
  powerOn(context, { vmId: 'vm-1', vcpus: 2, memoryMiB: 4, disks: [] });
  const vm = context.vms.get('vm-1')!;
  return { context, vm, source: vm.instance, sourceChecksum: vm.instance.table.checksum(), freeBefore: context.pool.freeCount };
}

describe('executeSwitchover', () => {
  it('moves the PFrames and device state to the destination and resumes it', async () => {
    const { context, vm, source, sourceChecksum, freeBefore } = setUp();
    armSegments(buildDestination(context, command()));
    expect(context.pool.freeCount).toBe(freeBefore - 512);

    const result = await executeSwitchover(context, 'op-1', 1);

    expect(result).toMatchObject({ outcome: 'switched-over', checksum: sourceChecksum });
    expect(vm.instance).not.toBe(source);
    expect(vm.instance.table.checksum(0, 1024)).toBe(sourceChecksum);
    expect(vm.instance.deviceState.vcpuRegisters.slice(0, 2)).toEqual(source.deviceState.vcpuRegisters);
    expect(vm.instance.deviceState).toMatchObject({ vcpus: 4, memoryMiB: 6 });
    expect(vm).toMatchObject({ status: 'running', busyWith: null, carriedOverPages: 1024, pages: 1536 });
    expect(context.pool.freeCount).toBe(freeBefore - 512);
    expect(context.switchovers.size).toBe(0);
  });

  it.each([
    ['a segment runs out of attempts', undefined, 2, 'SEGMENT_TRANSFER_FAILED'],
    ['a destination checksum differs', 1, undefined, 'CHECKSUM_MISMATCH'],
  ])('rolls back when %s: the source runs on, unchanged, and fresh MPNs return', async (_, corrupt, failing, code) => {
    const { context, vm, source, sourceChecksum, freeBefore } = setUp();
    armSegments(buildDestination(context, command()), corrupt, failing);

    const result = await executeSwitchover(context, 'op-1', 1);

    expect(result).toMatchObject({ outcome: 'rolled-back', cause: { code } });
    expect(vm.instance).toBe(source);
    expect(source.table.checksum()).toBe(sourceChecksum);
    expect(vm).toMatchObject({ status: 'running', busyWith: null });
    expect(context.pool.freeCount).toBe(freeBefore);
    expect(context.switchovers.size).toBe(0);
  });

  it('refuses a switch-over that is not prepared or of another epoch', async () => {
    const { context } = setUp();
    await expect(executeSwitchover(context, 'op-1', 1)).rejects.toMatchObject({ code: 'AGENT_SWITCHOVER_NOT_PREPARED' });
    armSegments(buildDestination(context, command()));
    await expect(executeSwitchover(context, 'op-1', 2)).rejects.toMatchObject({ code: 'AGENT_SWITCHOVER_NOT_PREPARED' });
  });
});

describe('executeSwitchover on the copy threads', () => {
  // A pool of its own per test: shares a test called off may still be settling on the threads after it ended,
  // and the gate is handed only to idle threads.
  let copyPool: CopyPool;
  beforeEach(async () => {
    copyPool = await CopyPool.start(2);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await copyPool.close();
  });

  const setUpOnThreads = () => {
    const { context, ...rest } = setUp();
    return { ...rest, context: { ...context, copyPool, segmentCopier: pooledSegmentCopier(copyPool) } satisfies AgentContext };
  };

  /** Stands in for the partition workers: each segment arms, then copies its first attempt through the agent's copier. */
  function armSegmentsOnThreads(context: AgentContext, switchover: PreparedSwitchover): void {
    switchover.phase = 'prepared';
    for (const segment of switchover.command.segments) {
      void switchover.arm(segment.index).then(async () => {
        switchover.segmentSucceeded(segment.index, await context.segmentCopier.copy(switchover, segment, 1), 1);
      }, () => undefined);
    }
  }

  it('hands the threads their segments before the suspend; they copy once the stun opens the gate, no message inside it', async () => {
    const { vm, sourceChecksum, context } = setUpOnThreads();
    const runSplit = jest.spyOn(copyPool, 'runSplit');
    armSegmentsOnThreads(context, buildDestination(context, command()));

    const result = await executeSwitchover(context, 'op-1', 1);

    expect(result).toMatchObject({ outcome: 'switched-over', checksum: sourceChecksum });
    expect(vm.instance.table.checksum(0, 1024)).toBe(sourceChecksum);
    expect(runSplit).not.toHaveBeenCalled();
    expect(result.segments).toHaveLength(4);
    for (const segment of result.segments) expect(segment.startedAt).toBeGreaterThanOrEqual(result.suspendedAt!);
  });

  it('hands the segments out anew when other work reached the threads before the stun (it called the gate off)', async () => {
    const { vm, sourceChecksum, context } = setUpOnThreads();
    const runSplit = jest.spyOn(copyPool, 'runSplit');
    armSegmentsOnThreads(context, buildDestination(context, command()));
    const suspend = vm.workload.suspend.bind(vm.workload);
    // Another VM's work, handed to the threads while this one's wait at its gate.
    const other = new SharedArrayBuffer(4096);
    vm.workload.suspend = async () => {
      await copyPool.run({ source: other, destination: new SharedArrayBuffer(4096), ppnStart: 0, ppnCount: 1024 });
      await suspend();
    };

    const result = await executeSwitchover(context, 'op-1', 1);

    expect(result).toMatchObject({ outcome: 'switched-over', checksum: sourceChecksum });
    expect(vm.instance.table.checksum(0, 1024)).toBe(sourceChecksum);
    expect(runSplit).toHaveBeenCalledTimes(1);
  });

  it('calls the gate off when the executor fails before the stun: the threads do not wait for it', async () => {
    const { vm, context } = setUpOnThreads();
    const switchover = buildDestination(context, command());
    switchover.phase = 'prepared';
    vm.workload.suspend = () => Promise.reject(new Error('the guest did not stop'));

    await expect(executeSwitchover(context, 'op-1', 1)).rejects.toThrow('the guest did not stop');

    await expect(context.segmentCopier.copy(switchover, switchover.command.segments[0], 1)).rejects.toThrow('called off before its stun');
  });

  it('calls the gate off when the prepared switch-over is discarded: the threads give the segments up at once', async () => {
    const { context } = setUpOnThreads();
    const switchover = buildDestination(context, command());
    await context.segmentCopier.ready!(switchover);
    const first = context.segmentCopier.copy(switchover, switchover.command.segments[0], 1);
    discardSwitchover(context, switchover, 'no longer wanted');
    await expect(first).rejects.toThrow('called off before its stun');
    expect(switchover.destination.table.checksum(0, 256)).not.toBe(switchover.source.table.checksum(0, 256));
  });
});

describe('switchoverStatus', () => {
  it('tells a restarted control plane what it holds: nothing, a prepared destination, then the result of the stun', async () => {
    const { context } = setUp();
    expect(switchoverStatus(context, 'op-1')).toEqual({ state: 'unknown' });
    armSegments(buildDestination(context, command()));
    expect(switchoverStatus(context, 'op-1')).toEqual({ state: 'prepared', epoch: 1 });

    const result = await executeSwitchover(context, 'op-1', 1);

    expect(switchoverStatus(context, 'op-1')).toEqual({ state: 'ended', epoch: 1, result });
  });

  it('forgets a discarded destination: nothing of it is left to settle', () => {
    const { context } = setUp();
    discardSwitchover(context, buildDestination(context, command()), 'no longer wanted');
    expect(switchoverStatus(context, 'op-1')).toEqual({ state: 'unknown' });
  });
});

describe('source checksums taken at prepare time', () => {
  it('are used only for segments the guest has not written to since they were taken', () => {
    const { context, source } = setUp();
    const switchover = buildDestination(context, command({ segments: [
      { index: 0, partition: 0, ppnStart: 0, ppnCount: 512 },
      { index: 1, partition: 1, ppnStart: 512, ppnCount: 512 },
    ] }));
    source.table.trackWrites(0, source.table.pages);
    switchover.setSourceChecksums([source.table.checksum(0, 512), source.table.checksum(512, 1024)]);
    expect(switchover.sourceChecksumIfUnwritten(1)).toBe(source.table.checksum(512, 1024));

    context.pool.freeMpn(source.table.remap(700, context.pool.allocate(1)[0].start));

    // Both segments share the first tracked chunk (2^18 PFrames), so a write to either makes both recompute.
    expect(switchover.sourceChecksumIfUnwritten(0)).toBeUndefined();
    expect(switchover.sourceChecksumIfUnwritten(1)).toBeUndefined();
  });

  it('are not used before they were taken', () => {
    const { context, source } = setUp();
    const switchover = buildDestination(context, command());
    source.table.trackWrites(0, source.table.pages);
    expect(switchover.sourceChecksumIfUnwritten(0)).toBeUndefined();
  });
});

describe('buildDestination and discard', () => {
  it('releases armed segments with a refusal and frees the fresh MPNs on discard', async () => {
    const { context, vm, freeBefore } = setUp();
    const switchover = buildDestination(context, command());
    const armed = switchover.arm(0);
    discardSwitchover(context, switchover, 'no longer wanted');
    await expect(armed).rejects.toThrow('no longer wanted');
    expect(context.pool.freeCount).toBe(freeBefore);
    expect(vm.busyWith).toBeNull();
  });

  it.each([
    ['segments that leave a gap', command({ segments: [{ index: 0, partition: 0, ppnStart: 0, ppnCount: 1000 }] }), 'AGENT_INVALID_COMMAND'],
    ['a smaller target', command({ targetMemoryMiB: 2 }), 'AGENT_INVALID_COMMAND'],
    ['more memory than is free', command({ targetMemoryMiB: 128 }), 'AGENT_OUT_OF_MPNS'],
    ['an unknown VM', command({ vmId: 'vm-x' }), 'AGENT_VM_NOT_FOUND'],
  ])('refuses %s and changes nothing', (_, plan, code) => {
    const { context, vm, freeBefore } = setUp();
    expect(() => buildDestination(context, plan)).toThrow(expect.objectContaining({ code }));
    expect(context.pool.freeCount).toBe(freeBefore);
    expect(vm.busyWith).toBeNull();
  });
});
