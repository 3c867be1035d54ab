import { preciseNow } from '../clock';
// Only node built-ins and leaf modules here: this file is loaded in every copy thread.
import { crc32Hex } from '../memory/crc32-hex';

/** One segment's copy: PFrames [ppnStart, ppnStart+ppnCount) of the source table into the destination table. */
export interface SegmentCopyTask {
  readonly source: SharedArrayBuffer;
  readonly destination: SharedArrayBuffer;
  readonly ppnStart: number;
  readonly ppnCount: number;
  /** Test-only fault: the copy thread exits instead of copying. */
  readonly crashThread?: boolean;
}

export interface SegmentCopyOutcome {
  readonly sourceChecksum: string;
  /** CRC-32 of the destination's range after the copy. */
  readonly checksum: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

export function copySegment(task: SegmentCopyTask): SegmentCopyOutcome {
  const startedAt = preciseNow();
  const byteOffset = task.ppnStart * Uint32Array.BYTES_PER_ELEMENT;
  const source = new Uint32Array(task.source, byteOffset, task.ppnCount);
  const destination = new Uint32Array(task.destination, byteOffset, task.ppnCount);
  const sourceChecksum = crc32Hex(source);
  destination.set(source);
  const checksum = crc32Hex(destination);
  return { sourceChecksum, checksum, startedAt, endedAt: preciseNow() };
}
