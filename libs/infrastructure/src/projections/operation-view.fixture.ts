import { OperationEvent, SegmentPlan, VmHardware } from '@fsr/domain';

const hardware = (vcpus: number, memoryMiB: number): VmHardware => ({
  vcpus,
  coresPerSocket: 1,
  memoryMiB,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [],
  nics: [],
});

export const plannedSegments: SegmentPlan[] = [0, 1, 2, 3].map((index) => ({
  index,
  partition: index,
  ppnStart: index * 1000,
  ppnCount: 1000,
}));

export const operationRequested: OperationEvent = {
  type: 'operation.requested',
  data: {
    operationId: 'op1',
    kind: 'hot-add',
    vmId: 'vm1',
    hostId: 'h1',
    mode: 'distributed',
    source: hardware(4, 16),
    target: hardware(8, 32),
    segments: plannedSegments,
    totalPFrames: 4000,
    predictedStunMs: 12.5,
    slaMs: 1000,
  },
};

export const segmentCompleted = (index: number, at = 1_767_225_600_000): OperationEvent => ({
  type: 'operation.segment-completed',
  data: {
    operationId: 'op1',
    partition: index,
    segment: { index, startedAt: at, endedAt: at + 5, checksum: `c${index}`, sourceChecksum: `c${index}`, attempts: 1 },
  },
});
