import { HostEvent } from '@fsr/domain';
import { evolveHostView } from './host-view.projection';
import { recorded } from './recorded-event.fixture';
import { HostViewRow } from './view-rows';

const registered = recorded<HostEvent>({ type: 'host.registered', data: { hostId: 'h1', name: 'esx-01' } }, 0);
const connected = recorded<HostEvent>(
  {
    type: 'host.connected',
    data: { hostId: 'h1', agentInstanceId: 'a1', cpuCores: 16, memoryMiB: 65536, workerThreads: 8, pframesPerSecondPerThread: 3.5e7 },
  },
  1,
);

const commit = (vmId: string, memoryMiB: number, version: number) =>
  recorded<HostEvent>({ type: 'host.vm-memory-committed', data: { hostId: 'h1', vmId, memoryMiB } }, version);

describe('host view projection', () => {
  const connectedHost = evolveHostView(evolveHostView(null, registered), connected) as HostViewRow;

  it('registers a disconnected host and takes capacity from its connection', () => {
    expect(evolveHostView(null, registered)).toMatchObject({ id: 'h1', name: 'esx-01', connectionState: 'disconnected', version: 0 });
    expect(connectedHost).toMatchObject({
      connectionState: 'connected',
      agentInstanceId: 'a1',
      cpuCores: 16,
      memoryMiB: 65536,
      workerThreads: 8,
      pframesPerSecondPerThread: 3.5e7,
      numaNodes: 1,
      version: 1,
      registeredAt: new Date(registered.metadata.occurredAt),
      updatedAt: new Date(connected.metadata.occurredAt),
    });
  });

  it('takes the NUMA nodes the agent reported; a connection recorded before agents reported them is one node', () => {
    const reconnected = { type: 'host.connected', data: { ...connected.data, numaNodes: 2 } } as HostEvent;
    const withNuma = recorded<HostEvent>(reconnected, 2);
    expect(evolveHostView(connectedHost, withNuma)).toMatchObject({ cpuCores: 16, numaNodes: 2 });
    expect(connectedHost.numaNodes).toBe(1);
  });

  it('sums committed memory, replacing what the VM held before', () => {
    const first = evolveHostView(connectedHost, commit('vm1', 1024, 2), 0)!;
    const second = evolveHostView(first, commit('vm2', 2048, 3), 0)!;
    const grown = evolveHostView(second, commit('vm1', 4096, 4), 1024)!;
    const released = evolveHostView(grown, commit('vm2', 0, 5), 2048)!;
    expect([first, second, grown, released].map((row) => row.usedMemoryMiB)).toEqual([1024, 3072, 6144, 4096]);
    expect(released.version).toBe(5);
  });

  it('follows disconnection and maintenance', () => {
    const disconnected = evolveHostView(
      connectedHost,
      recorded<HostEvent>({ type: 'host.disconnected', data: { hostId: 'h1', agentInstanceId: 'a1', reason: 'agent-stopped', lossTracked: true } }, 2),
    )!;
    const maintenance = evolveHostView(
      disconnected,
      recorded<HostEvent>({ type: 'host.maintenance-changed', data: { hostId: 'h1', enabled: true } }, 3),
    )!;
    expect(maintenance).toMatchObject({ connectionState: 'disconnected', maintenance: true, memoryMiB: 65536, version: 3 });
  });

  it('ignores events of a host it never saw registered', () => {
    expect(evolveHostView(null, connected)).toBeNull();
  });
});
