import { HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { SegmentPlan } from '@fsr/domain';
import { refuse } from '../commands/agent-refusal';

/** Partition queues (and so BullMQ workers) a host agent is willing to run. */
export const MAX_PARTITIONS = 256;

/** Segments must be indexed 0..n-1 and tile the source's table [0, pages) in order, each on a valid partition. */
export function assertSegmentsTile(segments: readonly SegmentPlan[], pages: number): void {
  const invalid = (why: string) => refuse(HOST_AGENT_ERROR_CODES.invalidCommand, `segment plan: ${why}`);
  if (segments.length === 0) throw invalid('no segments');
  let next = 0;
  segments.forEach((segment, position) => {
    if (segment.index !== position) throw invalid(`segment at position ${position} has index ${segment.index}`);
    if (!Number.isInteger(segment.partition) || segment.partition < 0 || segment.partition >= MAX_PARTITIONS) {
      throw invalid(`segment ${position} has partition ${segment.partition}, outside 0..${MAX_PARTITIONS - 1}`);
    }
    if (segment.ppnStart !== next || !Number.isInteger(segment.ppnCount) || segment.ppnCount < 1) {
      throw invalid(`segment ${position} covers [${segment.ppnStart}, +${segment.ppnCount}), expected to start at ${next}`);
    }
    next += segment.ppnCount;
  });
  if (next !== pages) throw invalid(`segments cover ${next} pages, the source has ${pages}`);
}
