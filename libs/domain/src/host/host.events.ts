import { DomainEvent } from '../shared/event';

export interface HostCapacity {
  readonly cpuCores: number;
  readonly memoryMiB: number;
  /** Copy threads the agent runs for PFrame segments. */
  readonly workerThreads: number;
  /** Measured PFrame copy rate of one worker thread (PFrames per second), or null when not measured yet. */
  readonly pframesPerSecondPerThread: number | null;
}

export type HostRegistered = DomainEvent<'host.registered', { hostId: string; name: string }>;
export type HostConnected = DomainEvent<'host.connected', HostCapacity & { hostId: string; agentInstanceId: string }>;
/** `agent-restarted`: a new agent instance connected while the previous one was still recorded as connected. */
export type HostDisconnectReason = 'heartbeat-missed' | 'agent-stopped' | 'agent-restarted';
export type HostDisconnected = DomainEvent<
  'host.disconnected',
  { hostId: string; agentInstanceId: string; reason: HostDisconnectReason }
>;
export type HostMaintenanceChanged = DomainEvent<'host.maintenance-changed', { hostId: string; enabled: boolean }>;
/** Sets the memory a VM holds on the host (0 releases it); `operationId` when an operation caused it. */
export type HostVmMemoryCommitted = DomainEvent<
  'host.vm-memory-committed',
  { hostId: string; vmId: string; memoryMiB: number; operationId?: string }
>;

export type HostEvent = HostRegistered | HostConnected | HostDisconnected | HostMaintenanceChanged | HostVmMemoryCommitted;
