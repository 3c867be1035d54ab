import { HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { SegmentPlan, SegmentResult } from '@fsr/domain';
import { totalChecksum } from '../memory/checksum';
import { PFRAME_BYTES } from '../memory/pframe-table';

export class ChecksumMismatchError extends Error {
  readonly code = HOST_AGENT_ERROR_CODES.checksumMismatch;
}

/** Every segment's destination CRC must equal its source CRC, and the combined totals must agree; returns the total. */
export function verifySegments(plan: readonly SegmentPlan[], results: readonly SegmentResult[]): string {
  const bytes = (index: number) => plan[index].ppnCount * PFRAME_BYTES;
  for (const result of results) {
    if (result.checksum !== result.sourceChecksum) {
      throw new ChecksumMismatchError(
        `segment ${result.index}: destination ${result.checksum} != source ${result.sourceChecksum}`,
      );
    }
  }
  const destination = totalChecksum(results.map((r) => ({ checksum: r.checksum, bytes: bytes(r.index) })));
  const source = totalChecksum(results.map((r) => ({ checksum: r.sourceChecksum, bytes: bytes(r.index) })));
  if (results.length !== plan.length || destination !== source) {
    throw new ChecksumMismatchError(`total: destination ${destination} != source ${source}`);
  }
  return destination;
}
