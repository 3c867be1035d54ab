import { z } from 'zod';
import { count, diskContentHashSchema, id, positive, segmentPlanSchema, segmentResultSchema } from '@fsr/contracts';
import { cause, instant } from './common.schemas';
import { hardware } from './vm.schemas';

const phase = z.enum(['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']);

export const operationEventSchemas = {
  'operation.requested': z.object({
    operationId: id,
    kind: z.enum(['hot-add', 'relocate']),
    vmId: id,
    hostId: id,
    mode: z.enum(['distributed', 'legacy']),
    source: hardware,
    target: hardware,
    segments: z.array(segmentPlanSchema),
    totalPFrames: count,
    predictedStunMs: z.number().nonnegative(),
    slaMs: z.number().positive(),
    relocation: z
      .object({ sourceDatastoreId: id, targetDatastoreId: id, totalBytes: count, maxCopyMiBps: z.number().positive().nullable(), cold: z.boolean() })
      .optional(),
  }),
  'operation.phase-started': z.object({ operationId: id, phase, startedAt: instant }),
  'operation.phase-completed': z.object({ operationId: id, phase, startedAt: instant, endedAt: instant, durationMs: z.number().nonnegative().optional() }),
  'operation.prepare-sent': z.object({ operationId: id, epoch: positive }),
  'operation.switchover-started': z.object({ operationId: id, epoch: positive }),
  'operation.segment-completed': z.object({ operationId: id, segment: segmentResultSchema, partition: count }),
  'operation.switched-over': z.object({
    operationId: id,
    suspendedAt: instant,
    resumedAt: instant,
    stunMs: z.number().nonnegative(),
    transferMs: z.number().nonnegative(),
    checksum: z.string(),
    slaBreached: z.boolean(),
    disks: z.array(diskContentHashSchema).optional(),
  }),
  'operation.disk-copy-progressed': z.object({ operationId: id, copiedBytes: count, totalBytes: count, bytesPerSecond: z.number().nonnegative() }),
  'operation.disks-copied': z.object({ operationId: id, bytes: count, durationMs: z.number().nonnegative(), bytesPerSecond: z.number().nonnegative(), mirroredWrites: count }),
  'operation.succeeded': z.object({ operationId: id }),
  'operation.failed': z.object({ operationId: id, cause }),
  'operation.rolled-back': z.object({ operationId: id, cause, stunMs: z.number().nonnegative().nullable() }),
  'operation.cancelled': z.object({ operationId: id, by: z.string() }),
};
