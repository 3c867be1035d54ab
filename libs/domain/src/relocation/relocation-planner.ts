import { MIB } from '../shared/memory-units';
import { ExistingVm } from '../vm/vm';
import { VmInvalidPowerStateError } from '../vm/vm.errors';
import { VmDisk, VmHardware } from '../vm/vm.events';
import { RelocationNoDisksError, RelocationSameDatastoreError } from './relocation.errors';

export interface RelocationPlan {
  readonly disruption: 'config-only' | 'fsr';
  readonly sourceDatastoreId: string;
  readonly targetDatastoreId: string;
  readonly source: VmHardware;
  /** The same hardware with every disk on the target datastore. */
  readonly target: VmHardware;
  /** The disks that move, as they will be on the target. */
  readonly movedDisks: readonly VmDisk[];
  readonly totalBytes: number;
}

/**
 * Storage vMotion moves every disk of the VM to one datastore: powered on it ends in an FSR
 * switch-over onto the copied disks, powered off it is a cold relocation (copy and reconfigure).
 */
export function planRelocation(vm: ExistingVm, targetDatastoreId: string): RelocationPlan {
  const source = vm.hardware;
  // A suspended VM's saved state stays with it: neither live nor cold here.
  if (vm.powerState === 'suspended') throw new VmInvalidPowerStateError(vm.vmId, vm.powerState, ['poweredOn', 'poweredOff']);
  if (source.disks.length === 0) throw new RelocationNoDisksError(vm.vmId);
  if (source.disks.every((disk) => disk.datastoreId === targetDatastoreId)) {
    throw new RelocationSameDatastoreError(vm.vmId, targetDatastoreId);
  }
  const movedDisks = source.disks
    .filter((disk) => disk.datastoreId !== targetDatastoreId)
    .map((disk) => ({ ...disk, datastoreId: targetDatastoreId }));
  const movedIds = new Set(movedDisks.map((disk) => disk.diskId));
  const target: VmHardware = {
    ...source,
    disks: source.disks.map((disk) => (movedIds.has(disk.diskId) ? { ...disk, datastoreId: targetDatastoreId } : disk)),
  };
  return {
    disruption: vm.powerState === 'poweredOn' ? 'fsr' : 'config-only',
    sourceDatastoreId: vm.datastoreId,
    targetDatastoreId,
    source,
    target,
    movedDisks,
    totalBytes: movedDisks.reduce((sum, disk) => sum + disk.sizeMiB * MIB, 0),
  };
}
