import { isEventOf, RecordedEvent, VmEvent, VmHardware } from '@fsr/domain';
import { occurredAt, ViewProjection } from './view-projection';
import { VmViewRow } from './view-rows';

const hardwareColumns = (hardware: VmHardware) => ({
  vcpus: hardware.vcpus,
  coresPerSocket: hardware.coresPerSocket,
  memoryMiB: hardware.memoryMiB,
  cpuHotAddEnabled: hardware.cpuHotAddEnabled,
  memoryHotAddEnabled: hardware.memoryHotAddEnabled,
  disks: [...hardware.disks],
  nics: [...hardware.nics],
});

/** `null` once the VM is deleted. Also folds a VM's own stream for `GET /vms/{id}?at=`. */
export function evolveVmView(row: VmViewRow | null, recorded: RecordedEvent): VmViewRow | null {
  if (!isEventOf(recorded, ...VM_EVENT_TYPES)) return row;
  const event = recorded;
  const at = occurredAt(recorded);
  const touched = { version: recorded.streamVersion, updatedAt: at };
  if (event.type === 'vm.created') {
    const { vmId, name, hostId, datastoreId, ...hardware } = event.data;
    return {
      id: vmId,
      name,
      hostId,
      datastoreId,
      powerState: 'poweredOff',
      powerOnMemoryMiB: null,
      workload: null,
      activeOperationId: null,
      createdAt: at,
      ...hardwareColumns(hardware),
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'vm.deleted':
      return null;
    case 'vm.powered-on':
      return { ...row, ...touched, powerState: 'poweredOn', hostId: event.data.hostId, powerOnMemoryMiB: event.data.memoryMiB };
    case 'vm.powered-off':
      return { ...row, ...touched, powerState: 'poweredOff', powerOnMemoryMiB: null, workload: null };
    case 'vm.suspended':
      return { ...row, ...touched, powerState: 'suspended', powerOnMemoryMiB: null, workload: null };
    case 'vm.reconfigured': {
      const datastoreId = event.data.hardware.disks[0]?.datastoreId ?? row.datastoreId;
      return { ...row, ...touched, ...hardwareColumns(event.data.hardware), datastoreId };
    }
    case 'vm.operation-started':
      return { ...row, ...touched, activeOperationId: event.data.operationId };
    case 'vm.operation-ended':
      return { ...row, ...touched, activeOperationId: null };
    case 'vm.workload-set':
      return { ...row, ...touched, workload: event.data.workload };
    case 'vm.power-change-started':
    case 'vm.power-change-abandoned':
      return { ...row, ...touched };
    default: {
      const _unhandled: never = event;
      return row;
    }
  }
}

const VM_EVENT_TYPES = [
  'vm.created',
  'vm.deleted',
  'vm.powered-on',
  'vm.powered-off',
  'vm.suspended',
  'vm.reconfigured',
  'vm.operation-started',
  'vm.operation-ended',
  'vm.workload-set',
  'vm.power-change-started',
  'vm.power-change-abandoned',
] as const satisfies readonly VmEvent['type'][];

export const vmViewProjection: ViewProjection = {
  eventTypes: new Set<string>(VM_EVENT_TYPES),
  async apply(event, views) {
    if (!isEventOf(event, ...VM_EVENT_TYPES)) return;
    const id = event.data.vmId;
    const next = evolveVmView(await views.get('vm', id), event);
    if (next) views.put('vm', next);
    else views.remove('vm', id);
  },
};
