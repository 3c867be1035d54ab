import { DomainEvent, OperationEvent, OperationPhase, VmHardware } from '@fsr/domain';

/** Small builders of the domain events the projection scenario records. */
export const hardware = (vcpus: number, memoryMiB: number, datastoreId: string, vmId: string): VmHardware => ({
  vcpus,
  coresPerSocket: 1,
  memoryMiB,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [{ diskId: `${vmId}-d0`, sizeMiB: 512, datastoreId, fileName: `${vmId}-d0.vmdk` }],
  nics: [{ nicId: `${vmId}-n0`, network: 'VM Network' }],
});

/** Without `numaNodes`, as agents recorded it before they reported their NUMA layout. */
export const hostConnected = (hostId: string, agentInstanceId: string, numaNodes?: number): DomainEvent => ({
  type: 'host.connected',
  data: { hostId, agentInstanceId, cpuCores: 16, memoryMiB: 65536, workerThreads: 4, pframesPerSecondPerThread: 3.5e7, ...(numaNodes ? { numaNodes } : {}) },
});

export const memoryCommitted = (hostId: string, vmId: string, memoryMiB: number, operationId?: string): DomainEvent => ({
  type: 'host.vm-memory-committed',
  data: { hostId, vmId, memoryMiB, ...(operationId ? { operationId } : {}) },
});

export const datastoreCreated = (datastoreId: string, name: string, capacityGiB: number): DomainEvent => ({
  type: 'datastore.created',
  data: { datastoreId, name, capacityGiB, path: `/data/ds/${name}` },
});

export const diskSpace = (kind: 'allocated' | 'freed', datastoreId: string, vmId: string): DomainEvent => ({
  type: `datastore.space-${kind}`,
  data: { datastoreId, vmId, diskId: `${vmId}-d0`, sizeMiB: 512 },
});

export const vmCreated = (vmId: string, name: string, spec: VmHardware): DomainEvent => ({
  type: 'vm.created',
  data: { vmId, name, hostId: 'h1', datastoreId: 'ds1', ...spec },
});

/** No view follows a name's stream: a rebuild replays these and skips them. */
export const vmName = (kind: 'reserved' | 'released', name: string, vmId: string): DomainEvent => ({
  type: `vm-name.${kind}`,
  data: { name, vmId },
});

export const vmPoweredOn = (vmId: string, memoryMiB: number): DomainEvent => ({
  type: 'vm.powered-on',
  data: { vmId, hostId: 'h1', memoryMiB },
});

export const vmOperationStarted = (vmId: string, operationId: string, kind: 'hot-add' | 'relocate'): DomainEvent => ({
  type: 'vm.operation-started',
  data: { vmId, operationId, kind },
});

export const vmOperationEnded = (vmId: string, operationId: string, outcome: 'succeeded' | 'rolled-back' | 'cancelled'): DomainEvent => ({
  type: 'vm.operation-ended',
  data: { vmId, operationId, outcome },
});

const segments = [0, 1, 2, 3].map((index) => ({ index, partition: index, ppnStart: index * 131072, ppnCount: 131072 }));

export function operationRequested(
  operationId: string,
  vmId: string,
  kind: 'hot-add' | 'relocate',
  source: VmHardware,
  target: VmHardware,
): OperationEvent {
  const plan = { segments, totalPFrames: 524288, predictedStunMs: 4, slaMs: 1000 };
  return {
    type: 'operation.requested',
    data: { operationId, kind, vmId, hostId: 'h1', mode: 'distributed', source, target, ...plan },
  };
}

export const segmentCompleted = (operationId: string, index: number): OperationEvent => ({
  type: 'operation.segment-completed',
  data: {
    operationId,
    partition: index,
    segment: {
      index,
      startedAt: 1_767_225_600_000 + index,
      endedAt: 1_767_225_600_010 + index,
      checksum: `c${index}`,
      sourceChecksum: `c${index}`,
      attempts: 1,
    },
  },
});

export const phaseStarted = (operationId: string, phase: OperationPhase): OperationEvent => ({
  type: 'operation.phase-started',
  data: { operationId, phase, startedAt: '2026-01-01T00:00:00.000Z' },
});

export const phaseCompleted = (operationId: string, phase: OperationPhase): OperationEvent => ({
  type: 'operation.phase-completed',
  data: { operationId, phase, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.050Z' },
});

export const switchoverStarted = (operationId: string): OperationEvent => ({
  type: 'operation.switchover-started',
  data: { operationId, epoch: 1 },
});
