import { RedisClient } from '@fsr/redis-plumbing';
import { z } from 'zod';

/** How long a `stall` holds a segment attempt inside the stun: a window for tests to break things in. */
export const STALL_MS = 3000;

/**
 * A fault for the segment `segmentIndex` of a VM's next switch-over, for its first `failAttempts` attempts:
 * `throw` fails the attempt, `crash-thread` kills the copy thread under it, `stall` holds it STALL_MS first.
 */
export const segmentFaultSchema = z.object({
  segmentIndex: z.number().int().min(0),
  failAttempts: z.number().int().min(1),
  kind: z.enum(['throw', 'crash-thread', 'stall']),
});
export type SegmentFault = z.infer<typeof segmentFaultSchema>;

/** Where a test leaves the fault of a VM's next switch-over for its test agent, under the stack's queue prefix. */
export const segmentFaultKey = (queuePrefix: string, vmId: string): string => `${queuePrefix}:test:segment-fault:${vmId}`;

/** A fault no switch-over took (its hot add refused before a prepare) must not wait for a later test's. */
const ARMED_FOR_MS = 60_000;

/** Arms a fault for the next destination prepared for `vmId` on whichever test agent runs it; taken once. */
export async function injectSegmentFault(redis: RedisClient, queuePrefix: string, vmId: string, fault: SegmentFault): Promise<void> {
  await redis.set(segmentFaultKey(queuePrefix, vmId), JSON.stringify(segmentFaultSchema.parse(fault)), 'PX', ARMED_FOR_MS);
}
