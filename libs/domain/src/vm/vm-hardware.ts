import { VmInvalidHardwareError } from './vm.errors';
import { VmDisk, VmHardware, VmNic } from './vm.events';

const isPositiveInteger = (value: number) => Number.isInteger(value) && value > 0;

/** Every rule the hardware breaks, empty when it is valid. */
export function hardwareViolations(hardware: VmHardware): string[] {
  const { vcpus, coresPerSocket, memoryMiB, disks, nics } = hardware;
  const violations: string[] = [];
  if (!isPositiveInteger(vcpus)) violations.push('vcpus must be a whole number of at least 1');
  if (!isPositiveInteger(coresPerSocket)) violations.push('coresPerSocket must be a whole number of at least 1');
  else if (vcpus % coresPerSocket !== 0) violations.push('vcpus must be a multiple of coresPerSocket');
  if (!isPositiveInteger(memoryMiB) || memoryMiB < 4 || memoryMiB % 4 !== 0) {
    violations.push('memoryMiB must be at least 4 and a multiple of 4');
  }
  if (disks.length === 0) violations.push('a VM needs at least one disk');
  disks.forEach((disk, index) => {
    if (!isPositiveInteger(disk.sizeMiB)) violations.push(`disks[${index}].sizeMiB must be a whole number above 0`);
  });
  nics.forEach((nic, index) => {
    if (nic.network.trim() === '') violations.push(`nics[${index}].network must not be empty`);
  });
  return violations;
}

export function assertValidHardware(hardware: VmHardware): void {
  const violations = hardwareViolations(hardware);
  if (violations.length > 0) throw new VmInvalidHardwareError(violations);
}

const sameDisk = (a: VmDisk, b: VmDisk) =>
  a.diskId === b.diskId && a.sizeMiB === b.sizeMiB && a.datastoreId === b.datastoreId && a.fileName === b.fileName;
const sameNic = (a: VmNic, b: VmNic) => a.nicId === b.nicId && a.network === b.network;
const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
  a.length === b.length && a.every((item, index) => same(item, b[index]));

export function sameHardware(a: VmHardware, b: VmHardware): boolean {
  return (
    a.vcpus === b.vcpus &&
    a.coresPerSocket === b.coresPerSocket &&
    a.memoryMiB === b.memoryMiB &&
    a.cpuHotAddEnabled === b.cpuHotAddEnabled &&
    a.memoryHotAddEnabled === b.memoryHotAddEnabled &&
    sameList(a.disks, b.disks, sameDisk) &&
    sameList(a.nics, b.nics, sameNic)
  );
}

/** Only the hardware fields, e.g. out of a `vm.created` payload. */
export function pickHardware(source: VmHardware): VmHardware {
  const { vcpus, coresPerSocket, memoryMiB, cpuHotAddEnabled, memoryHotAddEnabled, disks, nics } = source;
  return { vcpus, coresPerSocket, memoryMiB, cpuHotAddEnabled, memoryHotAddEnabled, disks, nics };
}
