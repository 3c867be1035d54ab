import { MIB, OperationState, VmDisk } from '@fsr/domain';

export interface DiskMove {
  readonly from: VmDisk;
  readonly to: VmDisk;
}

/** The disks whose datastore the operation changes, before and after. */
export function movedDisks({ source, target }: Pick<OperationState, 'source' | 'target'>): DiskMove[] {
  const before = new Map(source.disks.map((disk) => [disk.diskId, disk]));
  return target.disks.flatMap((to) => {
    const from = before.get(to.diskId);
    return from && from.datastoreId !== to.datastoreId ? [{ from, to }] : [];
  });
}

const ASSUMED_MIN_COPY_MIBPS = 20;
const SLACK_MS = 60_000;

/** How long the control plane waits for a disk copy: twice its expected time at the slowest plausible rate. */
export const copyTimeoutMs = (totalBytes: number, maxCopyMiBps: number | null): number =>
  SLACK_MS + (2000 * totalBytes) / ((maxCopyMiBps ?? ASSUMED_MIN_COPY_MIBPS) * MIB);
