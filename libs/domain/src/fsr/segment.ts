export type TransferMode = 'distributed' | 'legacy';

/** One vCPU's share of the source's PFrame table; segment i runs on queue partition i. */
export interface SegmentPlan {
  readonly index: number;
  readonly partition: number;
  readonly ppnStart: number;
  readonly ppnCount: number;
}

export interface SegmentResult {
  readonly index: number;
  readonly startedAt: number;
  readonly endedAt: number;
  /** CRC-32 of the destination's entries for the segment after the copy (hex). */
  readonly checksum: string;
  readonly sourceChecksum: string;
  readonly attempts: number;
}
