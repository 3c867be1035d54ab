import { z } from 'zod';
import { count, positive } from '../shared/schema-parts';

export const transferModeSchema = z.enum(['distributed', 'legacy']);
export type TransferMode = z.infer<typeof transferModeSchema>;

/** One vCPU's share of the source's PFrame table; segment i runs on queue partition i. */
export const segmentPlanSchema = z.object({ index: count, partition: count, ppnStart: count, ppnCount: count }).readonly();
export type SegmentPlan = z.infer<typeof segmentPlanSchema>;

export const segmentResultSchema = z
  .object({
    index: count,
    startedAt: z.number(),
    endedAt: z.number(),
    /** CRC-32 of the destination's entries for the segment after the copy (hex). */
    checksum: z.string(),
    sourceChecksum: z.string(),
    attempts: positive,
  })
  .readonly();
export type SegmentResult = z.infer<typeof segmentResultSchema>;
