import { deciderSpecification } from '../../../testing/src/decider-specification';
import { freeMemoryMiB, hostDecider, requireHost, usedMemoryMiB } from './host';
import { fold } from '../shared/decider';
import {
  HostCapacityExceededError,
  HostDisconnectedError,
  HostHasPoweredOnVmsError,
  HostInMaintenanceError,
  HostNotFoundError,
} from './host.errors';
import { HostCapacity, HostEvent } from './host.events';

const spec = deciderSpecification(hostDecider);
const hostId = 'host-1';
const capacity: HostCapacity = { cpuCores: 8, memoryMiB: 4096, workerThreads: 4, pframesPerSecondPerThread: null, numaNodes: 2 };
const registered: HostEvent = { type: 'host.registered', data: { hostId, name: 'esx-1' } };
const connected = (agentInstanceId = 'agent-a', cap = capacity): HostEvent => ({
  type: 'host.connected',
  data: { hostId, agentInstanceId, ...cap },
});
const committed = (vmId: string, memoryMiB: number): HostEvent => ({
  type: 'host.vm-memory-committed',
  data: { hostId, vmId, memoryMiB },
});
const maintenance = (enabled: boolean): HostEvent => ({ type: 'host.maintenance-changed', data: { hostId, enabled } });
const disconnected: HostEvent = {
  type: 'host.disconnected',
  data: { hostId, agentInstanceId: 'agent-a', reason: 'heartbeat-missed', lossTracked: true },
};
const connect = (agentInstanceId = 'agent-a', cap = capacity) =>
  ({ type: 'connect', hostId, name: 'esx-1', agentInstanceId, capacity: cap }) as const;

describe('host decider', () => {
  it('knows nothing of a host never registered: its state holds no host, whatever else its stream holds', () => {
    expect(hostDecider.initialState).toEqual({ exists: false });
    expect(fold(hostDecider, [connected()])).toEqual({ exists: false });
    expect(() => hostDecider.decide({ type: 'set-maintenance', enabled: true }, hostDecider.initialState)).toThrow(expect.objectContaining({ code: 'HOST_NOT_FOUND' }));
  });

  describe('connect', () => {
    it('registers and connects a new host', () => {
      spec.given([]).when(connect()).then([registered, connected()]);
    });
    it('is idempotent for the same agent instance and capacity', () => {
      spec.given([registered, connected()]).when(connect()).then([]);
    });
    it('records the previous instance lost when a restarted agent connects before it was seen missing', () => {
      const lost: HostEvent = { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-a', reason: 'agent-restarted', lossTracked: true } };
      spec.given([registered, connected()]).when(connect('agent-b')).then([lost, connected('agent-b')]);
    });
    it('connects a restarted agent after the previous one was recorded disconnected', () => {
      spec.given([registered, connected(), disconnected]).when(connect('agent-b')).then([connected('agent-b')]);
    });
    it('ignores the start of an instance a newer one replaced, delivered late or twice', () => {
      spec.given([registered, connected(), connected('agent-b')]).when(connect('agent-a')).then([]);
      spec.given([registered, connected(), disconnected, connected('agent-b'), disconnected]).when(connect('agent-a')).then([]);
    });
    it('reconnects the current instance even when the log also holds it as replaced (a late start recorded before this rule)', () => {
      spec.given([registered, connected(), connected('agent-b'), connected(), disconnected]).when(connect()).then([connected()]);
    });
    it('remembers the last sixteen replaced instances', () => {
      const restarts = Array.from({ length: 17 }, (_, n) => connected(`agent-${n + 1}`));
      spec.given([registered, connected('agent-0'), ...restarts]).when(connect('agent-1')).then([]);
      spec.given([registered, connected('agent-0'), ...restarts]).when(connect('agent-0')).then([
        { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-17', reason: 'agent-restarted', lossTracked: true } },
        connected('agent-0'),
      ]);
    });
    it('connects again when the capacity changed', () => {
      const measured = { ...capacity, pframesPerSecondPerThread: 30_000_000 };
      spec.given([registered, connected()]).when(connect('agent-a', measured)).then([connected('agent-a', measured)]);
    });
    it('folds a connection recorded before hosts reported NUMA nodes as one node, and connects again with the reported layout', () => {
      const { numaNodes: _unreported, ...withoutNuma } = capacity;
      const before: HostEvent = { type: 'host.connected', data: { hostId, agentInstanceId: 'agent-a', ...withoutNuma } };
      expect(requireHost(fold(hostDecider, [registered, before])).capacity).toEqual({ ...capacity, numaNodes: 1 });
      spec.given([registered, before]).when(connect()).then([connected()]);
      spec.given([registered, before]).when(connect('agent-a', { ...capacity, numaNodes: 1 })).then([]);
    });
    it('reconnects a disconnected host without registering it again', () => {
      spec.given([registered, connected(), disconnected]).when(connect()).then([connected()]);
    });
    it('records the VMs a restarted agent took back, with their PFrame checksums, and keeps them out of the capacity', () => {
      const restoredVms = [{ vmId: 'vm-1', pframeChecksum: '0a1b2c3d' }];
      const back: HostEvent = { type: 'host.connected', data: { hostId, agentInstanceId: 'agent-b', ...capacity, restoredVms } };
      spec.given([registered, connected(), disconnected]).when({ ...connect('agent-b'), restoredVms }).then([back]);
      expect(requireHost(hostDecider.evolve(hostDecider.evolve(hostDecider.initialState, registered), back)).capacity).toEqual(capacity);
    });
  });

  describe('disconnect', () => {
    const disconnect = (agentInstanceId = 'agent-a') =>
      ({ type: 'disconnect', agentInstanceId, reason: 'heartbeat-missed' }) as const;
    it('disconnects the connected instance', () => {
      spec.given([registered, connected()]).when(disconnect()).then([disconnected]);
    });
    it('ignores a stale agent instance', () => {
      spec.given([registered, connected('agent-b')]).when(disconnect('agent-a')).then([]);
    });
    it('ignores an already disconnected host', () => {
      spec.given([registered, connected(), disconnected]).when(disconnect()).then([]);
    });
    it('rejects an unknown host', () => {
      spec.given([]).when(disconnect()).thenThrows(HostNotFoundError);
    });
    it('records a planned restart with the VMs the agent kept', () => {
      const keptVms = [{ vmId: 'vm-1', pframeChecksum: '0a1b2c3d' }];
      const restarting: HostEvent = { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-a', reason: 'agent-restarting', keptVms, lossTracked: true } };
      spec.given([registered, connected()]).when({ type: 'disconnect', agentInstanceId: 'agent-a', reason: 'agent-restarting', keptVms }).then([restarting]);
    });
  });

  describe('record-loss-handled', () => {
    const handled = (agentInstanceId = 'agent-a'): HostEvent => ({ type: 'host.loss-handled', data: { hostId, agentInstanceId } });
    const recordHandled = (agentInstanceId = 'agent-a') => ({ type: 'record-loss-handled', agentInstanceId }) as const;
    const unhandled = (events: HostEvent[]) => requireHost(fold(hostDecider, events)).unhandledLosses;

    it('records a disconnection handled once, and only one the log holds unhandled', () => {
      spec.given([registered, connected(), disconnected]).when(recordHandled()).then([handled()]);
      spec.given([registered, connected(), disconnected, handled()]).when(recordHandled()).then([]);
      spec.given([registered, connected()]).when(recordHandled()).then([]);
      spec.given([registered, connected(), disconnected]).when(recordHandled('agent-b')).then([]);
    });
    it('keeps a disconnection unhandled across the next connection, with what it needs to be handled later', () => {
      const keptVms = [{ vmId: 'vm-1', pframeChecksum: '0a1b2c3d' }];
      const restarting: HostEvent = { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-a', reason: 'agent-restarting', keptVms, lossTracked: true } };
      expect(unhandled([registered, connected(), restarting, connected('agent-b')])).toEqual([
        { agentInstanceId: 'agent-a', reason: 'agent-restarting', keptVmIds: ['vm-1'] },
      ]);
      expect(unhandled([registered, connected(), restarting, connected('agent-b'), handled()])).toEqual([]);
    });
    it('holds no loss for a disconnection recorded before losses were tracked (handled by the saga of its day)', () => {
      const untracked: HostEvent = { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-a', reason: 'agent-stopped', lossTracked: false } };
      expect(unhandled([registered, connected(), untracked])).toEqual([]);
      expect(requireHost(fold(hostDecider, [registered, connected(), untracked])).connectionState).toBe('disconnected');
    });
    it('holds the latest loss of an instance a heartbeat brought back and lost again', () => {
      const stopped: HostEvent = { type: 'host.disconnected', data: { hostId, agentInstanceId: 'agent-a', reason: 'agent-stopped', lossTracked: true } };
      expect(unhandled([registered, connected(), disconnected, connected(), stopped])).toEqual([{ agentInstanceId: 'agent-a', reason: 'agent-stopped', keptVmIds: [] }]);
    });
    it('holds the loss of a replaced instance that the connect of its successor recorded', () => {
      const [lost, next] = hostDecider.decide(connect('agent-b'), fold(hostDecider, [registered, connected()]));
      expect(unhandled([registered, connected(), lost, next])).toEqual([{ agentInstanceId: 'agent-a', reason: 'agent-restarted', keptVmIds: [] }]);
    });
  });

  describe('set-maintenance', () => {
    const setMaintenance = (enabled: boolean) => ({ type: 'set-maintenance', enabled }) as const;
    it('enters maintenance when no VM holds memory', () => {
      spec.given([registered, connected(), committed('vm-1', 512), committed('vm-1', 0)])
        .when(setMaintenance(true))
        .then([maintenance(true)]);
    });
    it('leaves maintenance', () => {
      spec.given([registered, connected(), maintenance(true)]).when(setMaintenance(false)).then([maintenance(false)]);
    });
    it('does nothing when already in that mode', () => {
      spec.given([registered, connected()]).when(setMaintenance(false)).then([]);
    });
    it('rejects entering maintenance while a VM holds memory', () => {
      const error = spec
        .given([registered, connected(), committed('vm-1', 512)])
        .when(setMaintenance(true))
        .thenThrows(HostHasPoweredOnVmsError);
      expect(error).toMatchObject({ code: 'HOST_HAS_POWERED_ON_VMS', kind: 'conflict', details: { vmIds: ['vm-1'] } });
    });
    it('rejects an unknown host', () => {
      spec.given([]).when(setMaintenance(true)).thenThrows(HostNotFoundError);
    });
  });

  describe('commit-vm-memory', () => {
    const commit = (vmId: string, memoryMiB: number, operationId?: string) =>
      ({ type: 'commit-vm-memory', vmId, memoryMiB, ...(operationId ? { operationId } : {}) }) as const;
    it('commits memory that fits', () => {
      spec.given([registered, connected(), committed('vm-1', 1024)])
        .when(commit('vm-2', 3072))
        .then([committed('vm-2', 3072)]);
    });
    it('records the operation that grew the VM', () => {
      spec.given([registered, connected(), committed('vm-1', 1024)])
        .when(commit('vm-1', 2048, 'op-1'))
        .then([{ type: 'host.vm-memory-committed', data: { hostId, vmId: 'vm-1', memoryMiB: 2048, operationId: 'op-1' } }]);
    });
    it('counts the VM own memory when it grows', () => {
      spec.given([registered, connected(), committed('vm-1', 3072)])
        .when(commit('vm-1', 4096))
        .then([committed('vm-1', 4096)]);
    });
    it('is idempotent for the same total', () => {
      spec.given([registered, connected(), committed('vm-1', 1024)]).when(commit('vm-1', 1024)).then([]);
    });
    it('releases memory even on a disconnected host', () => {
      spec.given([registered, connected(), committed('vm-1', 1024), disconnected])
        .when(commit('vm-1', 0))
        .then([committed('vm-1', 0)]);
    });
    it('rejects more memory than is free', () => {
      const error = spec
        .given([registered, connected(), committed('vm-1', 3072)])
        .when(commit('vm-2', 2048))
        .thenThrows(HostCapacityExceededError);
      expect(error).toMatchObject({ code: 'HOST_CAPACITY_EXCEEDED', details: { requestedMiB: 2048, freeMiB: 1024 } });
    });
    it('rejects growing on a disconnected host', () => {
      const error = spec.given([registered, connected(), disconnected]).when(commit('vm-1', 512)).thenThrows(HostDisconnectedError);
      expect(error).toMatchObject({ code: 'HOST_DISCONNECTED', kind: 'conflict' });
    });
    it('rejects growing on a host in maintenance', () => {
      const error = spec.given([registered, connected(), maintenance(true)]).when(commit('vm-1', 512)).thenThrows(HostInMaintenanceError);
      expect(error).toMatchObject({ code: 'HOST_IN_MAINTENANCE', kind: 'conflict' });
    });
    it('rejects an unknown host', () => {
      const error = spec.given([]).when(commit('vm-1', 512)).thenThrows(HostNotFoundError);
      expect(error).toMatchObject({ code: 'HOST_NOT_FOUND', kind: 'not-found' });
    });
  });

  it('sums used and free memory over the committed VMs', () => {
    const state = requireHost(fold(hostDecider, [registered, connected(), committed('vm-1', 1024), committed('vm-2', 512), committed('vm-1', 0)]));
    expect(usedMemoryMiB(state)).toBe(512);
    expect(freeMemoryMiB(state)).toBe(3584);
    expect(state.committedMiB).toEqual({ 'vm-2': 512 });
  });
});
