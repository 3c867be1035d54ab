import { freeMemoryMiB, HostState } from '../host/host';
import { HostCapacityExceededError, HostCpuExceededError, HostNotFoundError } from '../host/host.errors';
import { MEMORY_HOT_ADD_INCREMENT_MIB, MEMORY_HOT_ADD_LIMIT_FACTOR } from '../shared/memory-units';
import { VmState } from '../vm/vm';
import { assertValidHardware, sameHardware } from '../vm/vm-hardware';
import { VmInvalidPowerStateError, VmNotFoundError } from '../vm/vm.errors';
import { VmDisk, VmHardware, VmNic } from '../vm/vm.events';
import {
  CpuHotAddDisabledError,
  HotAddNothingRequestedError,
  HotAddSettingRequiresPowerOffError,
  MemoryHotAddDisabledError,
  MemoryHotAddLimitExceededError,
  MemoryNotMultipleOfIncrementError,
  MemoryRemovalNotSupportedError,
  VcpuRemovalNotSupportedError,
  VcpusNotMultipleOfCoresPerSocketError,
} from './hot-add.errors';

/** `{ type: 'nic', network }` or `{ type: 'disk', sizeMiB }`; a missing field fails hardware validation. */
export interface HotAddDeviceRequest {
  readonly type: 'nic' | 'disk';
  readonly network?: string;
  readonly sizeMiB?: number;
}

/** `vcpus` and `memoryMiB` are the new totals. */
export interface HotAddChangeRequest {
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly cpuHotAddEnabled?: boolean;
  readonly memoryHotAddEnabled?: boolean;
  readonly devices?: readonly HotAddDeviceRequest[];
}

export interface HotAddIds {
  newDiskId(): string;
  newNicId(): string;
  diskFileName(diskId: string): string;
}

export type HotAddDisruption = 'none' | 'config-only' | 'fsr';

export interface HotAddPlan {
  readonly disruption: HotAddDisruption;
  readonly source: VmHardware;
  readonly target: VmHardware;
  readonly addedMemoryMiB: number;
  readonly addedDisks: VmDisk[];
}

/** What a hot add would change and how disruptive it is, following vCenter's rules; throws the first rule broken. */
export function planHotAdd(vm: VmState, host: HostState, request: HotAddChangeRequest, ids: HotAddIds): HotAddPlan {
  if (!vm.exists || vm.deleted) throw new VmNotFoundError(vm.exists ? vm.vmId : undefined);
  if (!host.exists) throw new HostNotFoundError(vm.hostId || undefined);
  const devices = request.devices ?? [];
  const { vcpus, memoryMiB, cpuHotAddEnabled, memoryHotAddEnabled } = request;
  const nothing = [vcpus, memoryMiB, cpuHotAddEnabled, memoryHotAddEnabled].every((v) => v === undefined);
  if (nothing && devices.length === 0) throw new HotAddNothingRequestedError();

  if (vm.powerState === 'suspended') throw new VmInvalidPowerStateError(vm.vmId, vm.powerState, ['poweredOn', 'poweredOff']);
  const source = vm.hardware;
  const poweredOn = vm.powerState === 'poweredOn';
  const addedDisks = devices.filter((d) => d.type === 'disk').map((d) => newDisk(d.sizeMiB ?? 0, vm.datastoreId, ids));
  const addedNics = devices.filter((d) => d.type === 'nic').map((d): VmNic => ({ nicId: ids.newNicId(), network: d.network ?? '' }));
  const target: VmHardware = {
    ...source,
    vcpus: vcpus ?? source.vcpus,
    memoryMiB: memoryMiB ?? source.memoryMiB,
    cpuHotAddEnabled: cpuHotAddEnabled ?? source.cpuHotAddEnabled,
    memoryHotAddEnabled: memoryHotAddEnabled ?? source.memoryHotAddEnabled,
    disks: [...source.disks, ...addedDisks],
    nics: [...source.nics, ...addedNics],
  };

  if (poweredOn) assertHotAddAllowed(source, target, vm.powerOnMemoryMiB);
  if (target.vcpus % target.coresPerSocket !== 0) {
    throw new VcpusNotMultipleOfCoresPerSocketError(target.vcpus, target.coresPerSocket);
  }
  if (target.vcpus > host.capacity.cpuCores) throw new HostCpuExceededError(host.hostId, target.vcpus, host.capacity.cpuCores);
  assertValidHardware(target);

  const addedMemoryMiB = Math.max(0, target.memoryMiB - source.memoryMiB);
  if (poweredOn && addedMemoryMiB > freeMemoryMiB(host)) {
    throw new HostCapacityExceededError(host.hostId, addedMemoryMiB, freeMemoryMiB(host));
  }
  const disruption: HotAddDisruption = !poweredOn ? 'config-only' : sameHardware(source, target) ? 'none' : 'fsr';
  return { disruption, source, target, addedMemoryMiB, addedDisks };
}

function assertHotAddAllowed(source: VmHardware, target: VmHardware, powerOnMemoryMiB: number): void {
  if (target.cpuHotAddEnabled !== source.cpuHotAddEnabled) throw new HotAddSettingRequiresPowerOffError('cpuHotAddEnabled');
  if (target.memoryHotAddEnabled !== source.memoryHotAddEnabled) {
    throw new HotAddSettingRequiresPowerOffError('memoryHotAddEnabled');
  }
  if (target.vcpus < source.vcpus) throw new VcpuRemovalNotSupportedError(source.vcpus, target.vcpus);
  if (target.vcpus > source.vcpus && !source.cpuHotAddEnabled) throw new CpuHotAddDisabledError();
  const addedMiB = target.memoryMiB - source.memoryMiB;
  if (addedMiB < 0) throw new MemoryRemovalNotSupportedError(source.memoryMiB, target.memoryMiB);
  if (addedMiB > 0 && !source.memoryHotAddEnabled) throw new MemoryHotAddDisabledError();
  if (addedMiB % MEMORY_HOT_ADD_INCREMENT_MIB !== 0) throw new MemoryNotMultipleOfIncrementError(addedMiB);
  if (addedMiB > 0 && target.memoryMiB > powerOnMemoryMiB * MEMORY_HOT_ADD_LIMIT_FACTOR) {
    throw new MemoryHotAddLimitExceededError(target.memoryMiB, powerOnMemoryMiB);
  }
}

function newDisk(sizeMiB: number, datastoreId: string, ids: HotAddIds): VmDisk {
  const diskId = ids.newDiskId();
  return { diskId, sizeMiB, datastoreId, fileName: ids.diskFileName(diskId) };
}
