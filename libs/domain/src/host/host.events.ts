import { DomainEvent } from '../shared/event';

export interface HostCapacity {
  readonly cpuCores: number;
  readonly memoryMiB: number;
  /** Copy threads the agent runs for PFrame segments. */
  readonly workerThreads: number;
  /** Measured PFrame copy rate of one worker thread (PFrames per second), or null when not measured yet. */
  readonly pframesPerSecondPerThread: number | null;
  /** NUMA nodes the cores are split into, evenly (one per socket on a usual ESXi host). */
  readonly numaNodes: number;
}

/** A capacity as `host.connected` records it: events from before hosts reported their NUMA layout lack `numaNodes`. */
export type RecordedHostCapacity = Omit<HostCapacity, 'numaNodes'> & { readonly numaNodes?: number };

export type HostRegistered = DomainEvent<'host.registered', { hostId: string; name: string }>;
/** A VM an agent kept across a planned restart, with the checksum of its PFrame table when kept (or taken back). */
export interface KeptVm {
  readonly vmId: string;
  readonly pframeChecksum: string;
}
/** `restoredVms`: the VMs the agent took back from its data directory after a planned restart. */
export type HostConnected = DomainEvent<
  'host.connected',
  RecordedHostCapacity & { hostId: string; agentInstanceId: string; restoredVms?: readonly KeptVm[] }
>;
/**
 * `agent-restarted`: a new agent instance connected while the previous one was still recorded as connected.
 * `agent-restarting`: a planned stop of the agent that kept its VMs (`keptVms`) in its data directory.
 */
export type HostDisconnectReason = 'heartbeat-missed' | 'agent-stopped' | 'agent-restarting' | 'agent-restarted';
export type HostDisconnected = DomainEvent<
  'host.disconnected',
  { hostId: string; agentInstanceId: string; reason: HostDisconnectReason; keptVms?: readonly KeptVm[] }
>;
/**
 * What a disconnection left to do (end the operations of the instance that went, record the VMs that died
 * with it) was done. A disconnection without it is still to be handled, by whichever replica comes next.
 */
export type HostLossHandled = DomainEvent<'host.loss-handled', { hostId: string; agentInstanceId: string }>;
export type HostMaintenanceChanged = DomainEvent<'host.maintenance-changed', { hostId: string; enabled: boolean }>;
/** Sets the memory a VM holds on the host (0 releases it); `operationId` when an operation caused it. */
export type HostVmMemoryCommitted = DomainEvent<
  'host.vm-memory-committed',
  { hostId: string; vmId: string; memoryMiB: number; operationId?: string }
>;

export type HostEvent = HostRegistered | HostConnected | HostDisconnected | HostLossHandled | HostMaintenanceChanged | HostVmMemoryCommitted;
