import { capacityFromRecord, HostEvent, isEventOf, RecordedEvent } from '@fsr/domain';
import { occurredAt, ViewProjection } from './view-projection';
import { HostViewRow } from './view-rows';

/** `previousCommitMiB`: what the VM of a `host.vm-memory-committed` held before (the event sets, not adds). */
export function evolveHostView(row: HostViewRow | null, recorded: RecordedEvent, previousCommitMiB = 0): HostViewRow | null {
  if (!isEventOf(recorded, ...HOST_EVENT_TYPES)) return row;
  const event = recorded;
  const at = occurredAt(recorded);
  const touched = { version: recorded.streamVersion, updatedAt: at };
  if (event.type === 'host.registered') {
    return {
      id: event.data.hostId,
      name: event.data.name,
      connectionState: 'disconnected',
      agentInstanceId: null,
      maintenance: false,
      cpuCores: 0,
      memoryMiB: 0,
      usedMemoryMiB: 0,
      workerThreads: 0,
      pframesPerSecondPerThread: null,
      numaNodes: 1,
      registeredAt: at,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'host.connected': {
      const capacity = capacityFromRecord(event.data);
      return { ...row, ...touched, ...capacity, connectionState: 'connected', agentInstanceId: event.data.agentInstanceId };
    }
    case 'host.disconnected':
      return { ...row, ...touched, connectionState: 'disconnected' };
    case 'host.loss-handled':
      return { ...row, ...touched };
    case 'host.maintenance-changed':
      return { ...row, ...touched, maintenance: event.data.enabled };
    case 'host.vm-memory-committed':
      return { ...row, ...touched, usedMemoryMiB: row.usedMemoryMiB - previousCommitMiB + event.data.memoryMiB };
    default: {
      const _unhandled: never = event;
      return row;
    }
  }
}

const HOST_EVENT_TYPES = [
  'host.registered',
  'host.connected',
  'host.disconnected',
  'host.loss-handled',
  'host.maintenance-changed',
  'host.vm-memory-committed',
] as const satisfies readonly HostEvent['type'][];

export const hostViewProjection: ViewProjection = {
  eventTypes: new Set<string>(HOST_EVENT_TYPES),
  async apply(event, views) {
    if (!isEventOf(event, ...HOST_EVENT_TYPES)) return;
    const { hostId } = event.data;
    const vmId = event.type === 'host.vm-memory-committed' ? event.data.vmId : undefined;
    const previous = event.type === 'host.vm-memory-committed' && vmId ? await views.previousCommitMiB(event, vmId) : 0;
    const next = evolveHostView(await views.get('host', hostId), event, previous);
    if (next) views.put('host', next);
  },
};
