import { ExistingOperation, VmDisk } from '@fsr/domain';

export interface DiskMove {
  readonly from: VmDisk;
  readonly to: VmDisk;
}

/** The disks whose datastore the operation changes, before and after. */
export function movedDisks({ source, target }: Pick<ExistingOperation, 'source' | 'target'>): DiskMove[] {
  const before = new Map(source.disks.map((disk) => [disk.diskId, disk]));
  return target.disks.flatMap((to) => {
    const from = before.get(to.diskId);
    return from && from.datastoreId !== to.datastoreId ? [{ from, to }] : [];
  });
}
