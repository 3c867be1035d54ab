import { VmEvent, VmHardware } from './vm.events';

/** Shared by the VM and hot-add specs. */
export const vmId = 'vm-1';
export const hardware: VmHardware = {
  vcpus: 2,
  coresPerSocket: 1,
  memoryMiB: 1024,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [{ diskId: 'disk-1', sizeMiB: 64, datastoreId: 'ds-1', fileName: 'vm-1-disk-1.img' }],
  nics: [{ nicId: 'nic-1', network: 'lan' }],
};
export const vmCreated = (hw: VmHardware = hardware): VmEvent => ({
  type: 'vm.created',
  data: { vmId, name: 'web', hostId: 'host-1', datastoreId: 'ds-1', ...hw },
});
export const vmPoweredOn = (memoryMiB = hardware.memoryMiB): VmEvent => ({
  type: 'vm.powered-on',
  data: { vmId, hostId: 'host-1', memoryMiB },
});
export const vmPoweredOff: VmEvent = { type: 'vm.powered-off', data: { vmId, hostId: 'host-1', reason: 'user' } };
export const vmOperationStarted = (operationId = 'op-1'): VmEvent => ({
  type: 'vm.operation-started',
  data: { vmId, operationId, kind: 'hot-add' },
});
export const vmReconfigured = (hw: VmHardware, operationId?: string): VmEvent => ({
  type: 'vm.reconfigured',
  data: operationId ? { vmId, hardware: hw, operationId } : { vmId, hardware: hw },
});
