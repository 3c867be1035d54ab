import { z } from 'zod';
import { EventOf, EventsOf } from '../shared/event-schemas';
import { count, id, positive } from '../shared/schema-parts';

const recordedCapacity = {
  cpuCores: count,
  memoryMiB: count,
  /** Copy threads the agent runs for PFrame segments. */
  workerThreads: count,
  /** Measured PFrame copy rate of one worker thread (PFrames per second), or null when not measured yet. */
  pframesPerSecondPerThread: z.number().nonnegative().nullable(),
  /** NUMA nodes the cores are split into, evenly (one per socket on a usual ESXi host). */
  numaNodes: positive.optional(),
};

/** A capacity as `host.connected` records it: events from before hosts reported their NUMA layout lack `numaNodes`. */
export type RecordedHostCapacity = Readonly<z.infer<z.ZodObject<typeof recordedCapacity>>>;
/** A host's capacity as the domain reads it: a host without a NUMA layout recorded has one node. */
export type HostCapacity = Omit<RecordedHostCapacity, 'numaNodes'> & { readonly numaNodes: number };

/** A VM an agent kept across a planned restart, with the checksum of its PFrame table when kept (or taken back). */
export const keptVmSchema = z.object({ vmId: id, pframeChecksum: z.string() }).readonly();
export type KeptVm = z.infer<typeof keptVmSchema>;

/**
 * `agent-restarted`: a new agent instance connected while the previous one was still recorded as connected.
 * `agent-restarting`: a planned stop of the agent that kept its VMs (`keptVms`) in its data directory.
 */
export const hostDisconnectReasonSchema = z.enum(['heartbeat-missed', 'agent-stopped', 'agent-restarting', 'agent-restarted']);
export type HostDisconnectReason = z.infer<typeof hostDisconnectReasonSchema>;

export const hostEventSchemas = {
  'host.registered': z.object({ hostId: id, name: id }),
  /** `restoredVms`: the VMs the agent took back from its data directory after a planned restart. */
  'host.connected': z.object({ hostId: id, agentInstanceId: id, ...recordedCapacity, restoredVms: z.array(keptVmSchema).readonly().optional() }),
  'host.disconnected': z.object({
    hostId: id,
    agentInstanceId: id,
    reason: hostDisconnectReasonSchema,
    keptVms: z.array(keptVmSchema).readonly().optional(),
    /** Followed by `host.loss-handled` once handled; false for disconnections recorded before that event existed. */
    lossTracked: z.boolean(),
  }),
  /**
   * What a disconnection left to do (end the operations of the instance that went, record the VMs that died
   * with it) was done. A disconnection without it is still to be handled, by whichever replica comes next.
   */
  'host.loss-handled': z.object({ hostId: id, agentInstanceId: id }),
  'host.maintenance-changed': z.object({ hostId: id, enabled: z.boolean() }),
  /** Sets the memory a VM holds on the host (0 releases it); `operationId` when an operation caused it. */
  'host.vm-memory-committed': z.object({ hostId: id, vmId: id, memoryMiB: count, operationId: id.optional() }),
};

type Schemas = typeof hostEventSchemas;
export type HostRegistered = EventOf<Schemas, 'host.registered'>;
export type HostConnected = EventOf<Schemas, 'host.connected'>;
export type HostDisconnected = EventOf<Schemas, 'host.disconnected'>;
export type HostLossHandled = EventOf<Schemas, 'host.loss-handled'>;
export type HostMaintenanceChanged = EventOf<Schemas, 'host.maintenance-changed'>;
export type HostVmMemoryCommitted = EventOf<Schemas, 'host.vm-memory-committed'>;
export type HostEvent = EventsOf<Schemas>;
