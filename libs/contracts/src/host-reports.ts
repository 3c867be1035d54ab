import { z } from 'zod';
import type { HostCapacity } from '@fsr/domain';
import { count, id } from './schema-parts';

/* What host agents report to the control plane through Redis, as schemas (types inferred): each report is read through hostReportSchema. */


const hostCapacitySchema = z
  .object({
    cpuCores: count,
    memoryMiB: count,
    workerThreads: count,
    pframesPerSecondPerThread: z.number().nonnegative().nullable(),
    // An agent from before hosts reported NUMA layouts sends none: one node, as its recorded connections read.
    numaNodes: z.number().int().positive().default(1),
  })
  .readonly() satisfies z.ZodType<HostCapacity>;

/** A VM a host agent holds in memory: after a crash it holds none; after a planned restart, those it kept. */
export const agentVmStateSchema = z
  .object({
    vmId: id,
    pages: count,
    vcpus: count,
    /** CRC-32 of the VM's PFrame table when it was kept (agent.stopping) or taken back (agent.started). */
    pframeChecksum: z.string(),
  })
  .readonly();
export type AgentVmState = z.infer<typeof agentVmStateSchema>;

export const agentStartedReportSchema = z
  .object({ type: z.literal('agent.started'), hostId: id, name: id, agentInstanceId: id, capacity: hostCapacitySchema, vms: z.array(agentVmStateSchema).readonly() })
  .readonly();
export const agentHeartbeatReportSchema = z.object({ type: z.literal('agent.heartbeat'), hostId: id, agentInstanceId: id, sentAt: z.number() }).readonly();
export const agentStoppingReportSchema = z
  .object({
    type: z.literal('agent.stopping'),
    hostId: id,
    agentInstanceId: id,
    /** A planned restart: the VMs the agent kept in its data directory, to take back when it starts again. */
    keptVms: z.array(agentVmStateSchema).readonly().optional(),
  })
  .readonly();
/** Sent by a running `storage.copy-disks` at least once a second. */
export const diskCopyProgressReportSchema = z
  .object({
    type: z.literal('storage.copy-progress'),
    hostId: id,
    agentInstanceId: id,
    operationId: id,
    copiedBytes: count,
    totalBytes: count,
    bytesPerSecond: z.number().nonnegative(),
  })
  .readonly();

export const hostReportSchema = z.discriminatedUnion('type', [agentStartedReportSchema, agentHeartbeatReportSchema, agentStoppingReportSchema, diskCopyProgressReportSchema]);

export type AgentStartedReport = z.infer<typeof agentStartedReportSchema>;
export type AgentHeartbeatReport = z.infer<typeof agentHeartbeatReportSchema>;
export type AgentStoppingReport = z.infer<typeof agentStoppingReportSchema>;
export type DiskCopyProgressReport = z.infer<typeof diskCopyProgressReportSchema>;
export type HostReport = z.infer<typeof hostReportSchema>;
