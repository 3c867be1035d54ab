import { SegmentPlan, TransferMode } from './segment';

/**
 * Splits the PFrame table into contiguous segments: one per vCPU on partition i
 * (sizes differ by at most one) in distributed mode, a single one on partition 0 in legacy mode.
 */
export function planSegments(totalPFrames: number, vcpus: number, mode: TransferMode): SegmentPlan[] {
  if (!Number.isInteger(totalPFrames) || totalPFrames < 0) throw new RangeError(`invalid PFrame count ${totalPFrames}`);
  if (!Number.isInteger(vcpus) || vcpus < 1) throw new RangeError(`invalid vCPU count ${vcpus}`);
  const count = mode === 'legacy' ? 1 : vcpus;
  const baseSize = Math.floor(totalPFrames / count);
  const largerSegments = totalPFrames % count;
  const segments: SegmentPlan[] = [];
  let ppnStart = 0;
  for (let index = 0; index < count; index++) {
    const ppnCount = baseSize + (index < largerSegments ? 1 : 0);
    segments.push({ index, partition: index, ppnStart, ppnCount });
    ppnStart += ppnCount;
  }
  return segments;
}
