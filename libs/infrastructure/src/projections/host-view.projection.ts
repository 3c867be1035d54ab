import { HostEvent, RecordedEvent } from '@fsr/domain';
import { asDomainEvent, occurredAt, ViewProjection } from './view-projection';
import { HostViewRow } from './view-rows';

/** `previousCommitMiB`: what the VM of a `host.vm-memory-committed` held before (the event sets, not adds). */
export function evolveHostView(row: HostViewRow | null, recorded: RecordedEvent, previousCommitMiB = 0): HostViewRow | null {
  const event = asDomainEvent<HostEvent>(recorded);
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
      registeredAt: at,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'host.connected': {
      const { cpuCores, memoryMiB, workerThreads, pframesPerSecondPerThread, agentInstanceId } = event.data;
      const capacity = { cpuCores, memoryMiB, workerThreads, pframesPerSecondPerThread };
      return { ...row, ...touched, ...capacity, connectionState: 'connected', agentInstanceId };
    }
    case 'host.disconnected':
      return { ...row, ...touched, connectionState: 'disconnected' };
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

export const hostViewProjection: ViewProjection = {
  eventTypes: new Set<HostEvent['type']>([
    'host.registered',
    'host.connected',
    'host.disconnected',
    'host.maintenance-changed',
    'host.vm-memory-committed',
  ]),
  async apply(event, views) {
    const { hostId, vmId } = event.data as { hostId: string; vmId?: string };
    const previous = event.type === 'host.vm-memory-committed' && vmId ? await views.previousCommitMiB(event, vmId) : 0;
    const next = evolveHostView(await views.get('host', hostId), event, previous);
    if (next) views.put('host', next);
  },
};
