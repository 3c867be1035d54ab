import { z } from 'zod';
import type { DiskContentHash, GuestWorkload, SegmentPlan, SegmentResult } from '@fsr/domain';

/** The pieces every schema of the protocol and of the event log is built from (the domain's shapes, checked against its types). */
export const id = z.string().min(1);
export const count = z.number().int().nonnegative();
export const positive = z.number().int().positive();

export const segmentPlanSchema = z.object({ index: count, partition: count, ppnStart: count, ppnCount: count }).readonly() satisfies z.ZodType<SegmentPlan>;
export const segmentResultSchema = z
  .object({ index: count, startedAt: z.number(), endedAt: z.number(), checksum: z.string(), sourceChecksum: z.string(), attempts: positive })
  .readonly() satisfies z.ZodType<SegmentResult>;
export const diskContentHashSchema = z.union([
  z.object({ diskId: id, blake3: z.string() }).readonly(),
  z.object({ diskId: id, sha256: z.string() }).readonly(),
]) satisfies z.ZodType<DiskContentHash>;
export const guestWorkloadSchema = z
  .object({ diskWriteMiBps: z.number().nonnegative(), pageRemapsPerSec: z.number().nonnegative() })
  .readonly() satisfies z.ZodType<GuestWorkload>;
