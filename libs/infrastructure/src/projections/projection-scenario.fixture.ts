import { DomainEvent, OperationEvent, VmHardware } from '@fsr/domain';
import { ScenarioWriter } from './scenario-writer.fixture';

const hardware = (vcpus: number, memoryMiB: number, datastoreId: string, vmId: string): VmHardware => ({
  vcpus,
  coresPerSocket: 1,
  memoryMiB,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [{ diskId: `${vmId}-d0`, sizeMiB: 512, datastoreId, fileName: `${vmId}-d0.vmdk` }],
  nics: [{ nicId: `${vmId}-n0`, network: 'VM Network' }],
});

const host = (id: string) => `host-${id}`;
const vm = (id: string) => `vm-${id}`;
const ds = (id: string) => `datastore-${id}`;
const op = (id: string) => `operation-${id}`;

const connect = (hostId: string, agentInstanceId: string): DomainEvent => ({
  type: 'host.connected',
  data: { hostId, agentInstanceId, cpuCores: 16, memoryMiB: 65536, workerThreads: 4, pframesPerSecondPerThread: 3.5e7 },
});
const commit = (hostId: string, vmId: string, memoryMiB: number, operationId?: string): DomainEvent => ({
  type: 'host.vm-memory-committed',
  data: { hostId, vmId, memoryMiB, ...(operationId ? { operationId } : {}) },
});
const segments = [0, 1, 2, 3].map((index) => ({ index, partition: index, ppnStart: index * 131072, ppnCount: 131072 }));
const requested = (operationId: string, vmId: string, kind: 'hot-add' | 'relocate', source: VmHardware, target: VmHardware): OperationEvent => ({
  type: 'operation.requested',
  data: { operationId, kind, vmId, hostId: 'h1', mode: 'distributed', source, target, segments, totalPFrames: 524288, predictedStunMs: 4, slaMs: 1000 },
});
const segmentDone = (operationId: string, index: number): OperationEvent => ({
  type: 'operation.segment-completed',
  data: { operationId, partition: index, segment: { index, startedAt: 1_767_225_600_000 + index, endedAt: 1_767_225_600_010 + index, checksum: `c${index}`, sourceChecksum: `c${index}`, attempts: 1 } },
});
const phase = (operationId: string, name: 'prepare' | 'pframe-transfer', done: boolean): OperationEvent =>
  done
    ? { type: 'operation.phase-completed', data: { operationId, phase: name, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.050Z' } }
    : { type: 'operation.phase-started', data: { operationId, phase: name, startedAt: '2026-01-01T00:00:00.000Z' } };

export const vm1Before = hardware(2, 2048, 'ds1', 'vm1');
export const vm1After = hardware(4, 4096, 'ds1', 'vm1');
const vm2Hardware = hardware(2, 1024, 'ds1', 'vm2');

/** Commands of a small cluster's life; `afterEach` runs after every command (e.g. a projector catch-up). */
export async function playScenario(writer: ScenarioWriter, afterEach: () => Promise<void>): Promise<void> {
  const steps: [string, DomainEvent[]][][] = [
    [[host('h1'), [{ type: 'host.registered', data: { hostId: 'h1', name: 'esx-01' } }, connect('h1', 'a1')]]],
    [[host('h2'), [{ type: 'host.registered', data: { hostId: 'h2', name: 'esx-02' } }, connect('h2', 'a2')]]],
    [[ds('ds1'), [{ type: 'datastore.created', data: { datastoreId: 'ds1', name: 'fast', capacityGiB: 100, path: '/data/ds/fast' } }]]],
    [[ds('ds2'), [{ type: 'datastore.created', data: { datastoreId: 'ds2', name: 'slow', capacityGiB: 500, path: '/data/ds/slow' } }]]],
    [
      [vm('vm1'), [{ type: 'vm.created', data: { vmId: 'vm1', name: 'web', hostId: 'h1', datastoreId: 'ds1', ...vm1Before } }]],
      [ds('ds1'), [{ type: 'datastore.space-allocated', data: { datastoreId: 'ds1', vmId: 'vm1', diskId: 'vm1-d0', sizeMiB: 512 } }]],
    ],
    [[host('h1'), [commit('h1', 'vm1', 2048)]], [vm('vm1'), [{ type: 'vm.powered-on', data: { vmId: 'vm1', hostId: 'h1', memoryMiB: 2048 } }]]],
    [
      [vm('vm2'), [{ type: 'vm.created', data: { vmId: 'vm2', name: 'db', hostId: 'h1', datastoreId: 'ds1', ...vm2Hardware } }]],
      [ds('ds1'), [{ type: 'datastore.space-allocated', data: { datastoreId: 'ds1', vmId: 'vm2', diskId: 'vm2-d0', sizeMiB: 512 } }]],
    ],
    [[host('h1'), [commit('h1', 'vm2', 1024)]], [vm('vm2'), [{ type: 'vm.powered-on', data: { vmId: 'vm2', hostId: 'h1', memoryMiB: 1024 } }]]],
    [[vm('vm2'), [{ type: 'vm.workload-set', data: { vmId: 'vm2', workload: { diskWriteMiBps: 5, pageRemapsPerSec: 100 } } }]]],
    [[op('op1'), [requested('op1', 'vm1', 'hot-add', vm1Before, vm1After)]], [vm('vm1'), [{ type: 'vm.operation-started', data: { vmId: 'vm1', operationId: 'op1', kind: 'hot-add' } }]]],
    [[op('op1'), [phase('op1', 'prepare', false), phase('op1', 'prepare', true)]]],
    [[op('op1'), [{ type: 'operation.switchover-started', data: { operationId: 'op1', epoch: 1 } }, phase('op1', 'pframe-transfer', false)]]],
    [[op('op1'), [segmentDone('op1', 1), segmentDone('op1', 0)]]],
    [[op('op1'), [segmentDone('op1', 3), segmentDone('op1', 2), phase('op1', 'pframe-transfer', true)]]],
    [[op('op1'), [{ type: 'operation.switched-over', data: { operationId: 'op1', suspendedAt: '2026-01-01T00:00:00.000Z', resumedAt: '2026-01-01T00:00:00.004Z', stunMs: 4.2, transferMs: 3.1, checksum: 'abc', slaBreached: false } }]]],
    [
      [vm('vm1'), [{ type: 'vm.reconfigured', data: { vmId: 'vm1', hardware: vm1After, operationId: 'op1' } }, { type: 'vm.operation-ended', data: { vmId: 'vm1', operationId: 'op1', outcome: 'succeeded' } }]],
      [host('h1'), [commit('h1', 'vm1', 4096, 'op1')]],
      [op('op1'), [{ type: 'operation.succeeded', data: { operationId: 'op1' } }]],
    ],
    [[op('op2'), [requested('op2', 'vm2', 'hot-add', vm2Hardware, hardware(4, 1024, 'ds1', 'vm2'))]], [vm('vm2'), [{ type: 'vm.operation-started', data: { vmId: 'vm2', operationId: 'op2', kind: 'hot-add' } }]]],
    [[op('op2'), [{ type: 'operation.switchover-started', data: { operationId: 'op2', epoch: 1 } }, segmentDone('op2', 0)]]],
    [
      [op('op2'), [{ type: 'operation.rolled-back', data: { operationId: 'op2', cause: { code: 'CHECKSUM_MISMATCH', message: 'segment 1 differs' }, stunMs: 12 } }]],
      [vm('vm2'), [{ type: 'vm.operation-ended', data: { vmId: 'vm2', operationId: 'op2', outcome: 'rolled-back' } }]],
    ],
    [[op('op3'), [requested('op3', 'vm1', 'relocate', vm1After, hardware(4, 4096, 'ds2', 'vm1'))]], [vm('vm1'), [{ type: 'vm.operation-started', data: { vmId: 'vm1', operationId: 'op3', kind: 'relocate' } }]]],
    [
      [op('op3'), [{ type: 'operation.cancelled', data: { operationId: 'op3', by: 'admin:test' } }]],
      [vm('vm1'), [{ type: 'vm.operation-ended', data: { vmId: 'vm1', operationId: 'op3', outcome: 'cancelled' } }]],
    ],
    [[host('h2'), [{ type: 'host.disconnected', data: { hostId: 'h2', agentInstanceId: 'a2', reason: 'heartbeat-missed' } }, { type: 'host.maintenance-changed', data: { hostId: 'h2', enabled: true } }]]],
    [[host('h1'), [commit('h1', 'vm2', 0)]], [vm('vm2'), [{ type: 'vm.powered-off', data: { vmId: 'vm2', hostId: 'h1', reason: 'user' } }]]],
    [
      [vm('vm2'), [{ type: 'vm.deleted', data: { vmId: 'vm2' } }]],
      [ds('ds1'), [{ type: 'datastore.space-freed', data: { datastoreId: 'ds1', vmId: 'vm2', diskId: 'vm2-d0', sizeMiB: 512 } }]],
    ],
    [[host('h2'), [connect('h2', 'a3')]]],
  ];
  for (const step of steps) {
    await writer.record(...step);
    await afterEach();
  }
}
