import { z } from 'zod';
import { count, diskContentHashSchema, guestWorkloadSchema, id, positive, segmentPlanSchema, segmentResultSchema } from './schema-parts';

/*
 * What travels between the control plane and a host agent through Redis, as schemas: the types below are
 * inferred from them, and the same schemas check each payload the agent takes and each answer the
 * control plane gets (host-command-registry.ts), so a malformed job is a clear error, never a crash.
 */

export const diskFileSchema = z
  .object({
    diskId: id,
    /** Absolute path of the disk file. */
    path: z.string().min(1),
    sizeMiB: z.number().positive(),
  })
  .readonly();
export type DiskFile = z.infer<typeof diskFileSchema>;

export const powerOnCommandSchema = z
  .object({ type: z.literal('vm.power-on'), vmId: id, vcpus: positive, memoryMiB: positive, disks: z.array(diskFileSchema).readonly() })
  .readonly();
export const powerOffCommandSchema = z.object({ type: z.literal('vm.power-off'), vmId: id }).readonly();
export const createDisksCommandSchema = z.object({ type: z.literal('vm.create-disks'), vmId: id, disks: z.array(diskFileSchema).readonly() }).readonly();
export const deleteDisksCommandSchema = z.object({ type: z.literal('vm.delete-disks'), vmId: id, disks: z.array(diskFileSchema).readonly() }).readonly();
export const setWorkloadCommandSchema = z
  .object({ type: z.literal('vm.set-workload'), vmId: id, workload: guestWorkloadSchema.nullable(), disks: z.array(diskFileSchema).readonly() })
  .readonly();
export const prepareSwitchoverCommandSchema = z
  .object({
    type: z.literal('fsr.prepare'),
    operationId: id,
    epoch: positive,
    vmId: id,
    mode: z.enum(['distributed', 'legacy']),
    targetVcpus: positive,
    targetMemoryMiB: positive,
    segments: z.array(segmentPlanSchema).readonly(),
    /** Relocations: the destination runs on these disks (already copied and mirrored by `storage.copy-disks`). */
    targetDisks: z.array(diskFileSchema).readonly().optional(),
  })
  .readonly();
export const executeSwitchoverCommandSchema = z.object({ type: z.literal('fsr.switch-over'), operationId: id, epoch: positive }).readonly();
/** Without `epoch`, whatever the agent holds of the operation; with it, nothing if a later epoch was prepared since. */
export const discardSwitchoverCommandSchema = z.object({ type: z.literal('fsr.discard'), operationId: id, epoch: positive.optional() }).readonly();
export const diskCopySchema = z.object({ diskId: id, sourcePath: z.string().min(1), targetPath: z.string().min(1), sizeMiB: z.number().positive() }).readonly();
export type DiskCopy = z.infer<typeof diskCopySchema>;
/**
 * Copies disks in chunks while the guest runs, mirroring its writes to already-copied chunks, then reads
 * the copies back. Powered on, the mirror stays until the switch-over (or a discard) ends it.
 */
export const copyDisksCommandSchema = z
  .object({ type: z.literal('storage.copy-disks'), operationId: id, vmId: id, disks: z.array(diskCopySchema).readonly(), maxCopyMiBps: z.number().positive().nullable() })
  .readonly();
export const inspectMemoryCommandSchema = z.object({ type: z.literal('host.inspect-memory') }).readonly();
/** What the agent holds of one switch-over: asked by a restarted control plane to settle it. */
export const switchoverStatusCommandSchema = z.object({ type: z.literal('fsr.status'), operationId: id }).readonly();

export type PowerOnCommand = z.infer<typeof powerOnCommandSchema>;
export type PowerOffCommand = z.infer<typeof powerOffCommandSchema>;
export type CreateDisksCommand = z.infer<typeof createDisksCommandSchema>;
export type DeleteDisksCommand = z.infer<typeof deleteDisksCommandSchema>;
export type SetWorkloadCommand = z.infer<typeof setWorkloadCommandSchema>;
export type PrepareSwitchoverCommand = z.infer<typeof prepareSwitchoverCommandSchema>;
export type ExecuteSwitchoverCommand = z.infer<typeof executeSwitchoverCommandSchema>;
export type DiscardSwitchoverCommand = z.infer<typeof discardSwitchoverCommandSchema>;
export type CopyDisksCommand = z.infer<typeof copyDisksCommandSchema>;
export type InspectMemoryCommand = z.infer<typeof inspectMemoryCommandSchema>;
export type SwitchoverStatusCommand = z.infer<typeof switchoverStatusCommandSchema>;

export const powerOnResultSchema = z.object({ pages: positive }).readonly();
export type PowerOnResult = z.infer<typeof powerOnResultSchema>;
export const prepareSwitchoverResultSchema = z
  .object({
    preparedAt: z.number(),
    destinationPages: positive,
    /** Pages of hot-added memory that got fresh MPNs from the host pool. */
    freshPages: count,
  })
  .readonly();
export type PrepareSwitchoverResult = z.infer<typeof prepareSwitchoverResultSchema>;
export const diskCopyResultSchema = z
  .object({
    bytes: count,
    durationMs: z.number().nonnegative(),
    bytesPerSecond: z.number().nonnegative(),
    mirroredWrites: count,
    /** Content of the copies as read back; for a running VM, what it was at the end of the copy. */
    disks: z.array(diskContentHashSchema).readonly(),
  })
  .readonly();
export type DiskCopyResult = z.infer<typeof diskCopyResultSchema>;
/**
 * The answer to `storage.copy-disks`, which starts the copy or, asked again, says where it is: the agent runs
 * it in the background and holds its cursor, so whoever drives the relocation asks until it is copied.
 */
export const diskCopyStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('copying'), copiedBytes: count, totalBytes: count, bytesPerSecond: z.number().nonnegative() }).readonly(),
  z.object({ state: z.literal('copied'), result: diskCopyResultSchema }).readonly(),
]);
export type DiskCopyStatus = z.infer<typeof diskCopyStatusSchema>;

/** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()). */
export type PreciseTime = number;

export const phaseTimingSchema = z
  .object({ phase: z.enum(['suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']), startedAt: z.number(), endedAt: z.number() })
  .readonly();
export type PhaseTiming = z.infer<typeof phaseTimingSchema>;

export const switchoverResultSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('switched-over'),
      suspendedAt: z.number(),
      resumedAt: z.number(),
      phases: z.array(phaseTimingSchema).readonly(),
      segments: z.array(segmentResultSchema).readonly(),
      /** totalChecksum() of the destination segments: the CRC-32 of the whole transferred table, equal to the source's. */
      checksum: z.string(),
      /** Relocations: the disks' content at the suspend, the same on both copies. */
      disks: z.array(diskContentHashSchema).readonly().optional(),
    })
    .readonly(),
  z
    .object({
      outcome: z.literal('rolled-back'),
      suspendedAt: z.number().nullable(),
      resumedAt: z.number().nullable(),
      phases: z.array(phaseTimingSchema).readonly(),
      segments: z.array(segmentResultSchema).readonly(),
      cause: z.object({ code: z.string(), message: z.string() }).readonly(),
    })
    .readonly(),
]);
export type SwitchoverResult = z.infer<typeof switchoverResultSchema>;

export const memoryInspectionSchema = z
  .object({
    totalMpns: positive,
    freeMpns: count,
    vms: z
      .array(
        z
          .object({
            vmId: id,
            pages: count,
            checksum: z.string(),
            /** After a switch-over: the pages carried over from the source and their checksum now (hot-added pages excluded). */
            carriedOver: z.object({ pages: count, checksum: z.string() }).readonly().optional(),
          })
          .readonly(),
      )
      .readonly(),
    /** MPNs that appear in more than one PFrame table, or in a table and the free pool. */
    conflictingMpns: count,
  })
  .readonly();
export type MemoryInspection = z.infer<typeof memoryInspectionSchema>;

/** A segment job's payload on a PFrame partition queue. */
export const segmentJobDataSchema = z
  .object({
    operationId: id,
    epoch: positive,
    segment: segmentPlanSchema,
    /** For people reading the queues (the dashboard): the VM whose memory the segment moves. */
    vmId: id.optional(),
  })
  .readonly();
export type SegmentJobData = z.infer<typeof segmentJobDataSchema>;

/** `ended` keeps the agent's result, so a control plane that missed it can still record it. */
export const switchoverStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unknown') }).readonly(),
  z.object({ state: z.enum(['preparing', 'prepared', 'executing']), epoch: positive }).readonly(),
  z.object({ state: z.literal('ended'), epoch: positive, result: switchoverResultSchema }).readonly(),
]);
export type SwitchoverStatus = z.infer<typeof switchoverStatusSchema>;
