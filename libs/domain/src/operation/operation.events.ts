import { z } from 'zod';
import { EventOf, EventsOf } from '../shared/event-schemas';
import { count, id, instant, positive } from '../shared/schema-parts';
import { segmentPlanSchema, segmentResultSchema, transferModeSchema } from '../fsr/segment';
import { vmHardwareSchema } from '../vm/vm.events';

export const operationKindSchema = z.enum(['hot-add', 'relocate']);
export type OperationKind = z.infer<typeof operationKindSchema>;

export const operationPhaseSchema = z.enum(['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']);
export type OperationPhase = z.infer<typeof operationPhaseSchema>;

export const operationCauseSchema = z.object({ code: z.string(), message: z.string() }).readonly();
export type OperationCause = z.infer<typeof operationCauseSchema>;

export const operationRelocationSchema = z
  .object({
    sourceDatastoreId: id,
    targetDatastoreId: id,
    totalBytes: count,
    /** Copy bandwidth limit, as vMotion's; null: as fast as the disks go. */
    maxCopyMiBps: z.number().positive().nullable(),
    /** Powered off: copy and reconfigure, no switch-over. */
    cold: z.boolean(),
  })
  .readonly();
export type OperationRelocation = z.infer<typeof operationRelocationSchema>;

/**
 * A disk's content as its agent hashed it: each 1 MiB chunk, then the chunks' digests in order, with BLAKE3;
 * with SHA-256 in relocations recorded before the copy hashed with BLAKE3.
 */
export const diskContentHashSchema = z.union([z.object({ diskId: id, blake3: z.string() }).readonly(), z.object({ diskId: id, sha256: z.string() }).readonly()]);
export type DiskContentHash = z.infer<typeof diskContentHashSchema>;

const nonNegative = z.number().nonnegative();

export const operationEventSchemas = {
  'operation.requested': z.object({
    operationId: id,
    kind: operationKindSchema,
    vmId: id,
    hostId: id,
    mode: transferModeSchema,
    source: vmHardwareSchema,
    target: vmHardwareSchema,
    segments: z.array(segmentPlanSchema).readonly(),
    totalPFrames: count,
    predictedStunMs: nonNegative,
    slaMs: z.number().positive(),
    /** Relocations only: where the disks go and how many bytes move. */
    relocation: operationRelocationSchema.optional(),
  }),
  'operation.phase-started': z.object({ operationId: id, phase: operationPhaseSchema, startedAt: instant }),
  'operation.phase-completed': z.object({
    operationId: id,
    phase: operationPhaseSchema,
    startedAt: instant,
    endedAt: instant,
    /** A phase the host agent timed: to the microsecond, where the two instants keep only milliseconds. */
    durationMs: nonNegative.optional(),
  }),
  /** The host agent was asked to build the destination under this epoch (a later ask takes a higher one). */
  'operation.prepare-sent': z.object({ operationId: id, epoch: positive }),
  /** The point of no cancel: the switch-over was handed to the host agent. */
  'operation.switchover-started': z.object({ operationId: id, epoch: positive }),
  'operation.segment-completed': z.object({ operationId: id, segment: segmentResultSchema, partition: count }),
  'operation.switched-over': z.object({
    operationId: id,
    suspendedAt: instant,
    resumedAt: instant,
    stunMs: nonNegative,
    transferMs: nonNegative,
    checksum: z.string(),
    slaBreached: z.boolean(),
    /** Relocations: the disks' content when the source was suspended, equal on both copies. */
    disks: z.array(diskContentHashSchema).optional(),
  }),
  /** The live disk copy advanced; never reported backwards. */
  'operation.disk-copy-progressed': z.object({ operationId: id, copiedBytes: count, totalBytes: count, bytesPerSecond: nonNegative }),
  /** The copy converged and was read back: from now on every guest write lands on both copies. */
  'operation.disks-copied': z.object({ operationId: id, bytes: count, durationMs: nonNegative, bytesPerSecond: nonNegative, mirroredWrites: count }),
  'operation.succeeded': z.object({ operationId: id }),
  'operation.failed': z.object({ operationId: id, cause: operationCauseSchema }),
  'operation.rolled-back': z.object({ operationId: id, cause: operationCauseSchema, stunMs: nonNegative.nullable() }),
  'operation.cancelled': z.object({ operationId: id, by: z.string() }),
};

type Schemas = typeof operationEventSchemas;
export type OperationRequested = EventOf<Schemas, 'operation.requested'>;
export type OperationPhaseStarted = EventOf<Schemas, 'operation.phase-started'>;
export type OperationPhaseCompleted = EventOf<Schemas, 'operation.phase-completed'>;
/** The host agent was asked to build the destination under this epoch (a later ask takes a higher one). */
export type OperationPrepareSent = EventOf<Schemas, 'operation.prepare-sent'>;
/** The point of no cancel: the switch-over was handed to the host agent. */
export type OperationSwitchoverStarted = EventOf<Schemas, 'operation.switchover-started'>;
export type OperationSegmentCompleted = EventOf<Schemas, 'operation.segment-completed'>;
export type OperationSwitchedOver = EventOf<Schemas, 'operation.switched-over'>;
export type OperationDiskCopyProgressed = EventOf<Schemas, 'operation.disk-copy-progressed'>;
/** The copy converged and was read back: from now on every guest write lands on both copies. */
export type OperationDisksCopied = EventOf<Schemas, 'operation.disks-copied'>;
export type OperationSucceeded = EventOf<Schemas, 'operation.succeeded'>;
export type OperationFailed = EventOf<Schemas, 'operation.failed'>;
export type OperationRolledBack = EventOf<Schemas, 'operation.rolled-back'>;
export type OperationCancelled = EventOf<Schemas, 'operation.cancelled'>;
export type OperationEvent = EventsOf<Schemas>;
