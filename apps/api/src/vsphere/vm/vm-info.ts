import { createHash } from 'node:crypto';
import { MEMORY_HOT_ADD_INCREMENT_MIB, MEMORY_HOT_ADD_LIMIT_FACTOR } from '@fsr/domain';
import type { VmDto } from '@fsr/infrastructure';
import { VMap } from '../dialects/dialect';
import { FIXED } from '../inventory/fixed-inventory';

const MiB = 1024 * 1024;
/** vCenter's device keys: disks from 2000, NICs from 4000, the SCSI controller 1000. */
export const DISK_KEY_BASE = 2000;
export const NIC_KEY_BASE = 4000;

export const POWER_STATE = { poweredOn: 'POWERED_ON', poweredOff: 'POWERED_OFF', suspended: 'SUSPENDED' } as const;
export const powerStateOf = (vm: Pick<VmDto, 'powerState'>) => POWER_STATE[vm.powerState];

export const diskKey = (index: number) => String(DISK_KEY_BASE + index);
export const nicKey = (index: number) => String(NIC_KEY_BASE + index);

export function cpuInfo(vm: VmDto) {
  return { count: vm.vcpus, cores_per_socket: vm.coresPerSocket, hot_add_enabled: vm.cpuHotAddEnabled, hot_remove_enabled: false };
}

export function memoryInfo(vm: VmDto) {
  const hotAdd = vm.memoryHotAddEnabled
    ? {
        hot_add_increment_size_MiB: MEMORY_HOT_ADD_INCREMENT_MIB,
        hot_add_limit_MiB: (vm.powerOnMemoryMiB ?? vm.memoryMiB) * MEMORY_HOT_ADD_LIMIT_FACTOR,
      }
    : {};
  return { size_MiB: vm.memoryMiB, hot_add_enabled: vm.memoryHotAddEnabled, ...hotAdd };
}

/** `[datastore] vm/disk.vmdk`, as vCenter names a disk's file. */
export const vmdkFile = (datastoreName: string, vmName: string, fileName: string) => `[${datastoreName}] ${vmName}/${fileName}`;

export function diskInfo(vm: VmDto, index: number, datastoreNames: ReadonlyMap<string, string>) {
  const disk = vm.disks[index];
  return {
    label: `Hard disk ${index + 1}`,
    type: 'SCSI',
    scsi: { bus: 0, unit: index < 7 ? index : index + 1 },
    backing: { type: 'VMDK_FILE', vmdk_file: vmdkFile(datastoreNames.get(disk.datastoreId) ?? disk.datastoreId, vm.name, disk.fileName) },
    capacity: disk.sizeMiB * MiB,
  };
}

const macOf = (nicId: string) => {
  const hex = createHash('sha256').update(nicId).digest('hex');
  return `00:50:56:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
};

export function nicInfo(vm: VmDto, index: number) {
  const nic = vm.nics[index];
  const network = nic.network === FIXED.network.name ? { network: FIXED.network.id } : {};
  return {
    label: `Network adapter ${index + 1}`,
    type: 'VMXNET3',
    mac_type: 'GENERATED',
    mac_address: macOf(nic.nicId),
    pci_slot_number: 160 + 32 * index,
    wake_on_lan_enabled: false,
    backing: { type: 'STANDARD_PORTGROUP', ...network, network_name: nic.network },
    state: vm.powerState === 'poweredOn' ? 'CONNECTED' : 'NOT_CONNECTED',
    start_connected: true,
    allow_guest_control: false,
    upt_compatibility_enabled: false,
  };
}

const instanceUuid = (id: string) => {
  const hex = createHash('sha256').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** VM.Info: every field the spec requires, from our VM view. */
export function vmInfo(vm: VmDto, datastoreNames: ReadonlyMap<string, string>) {
  return {
    guest_OS: 'OTHER_LINUX_64',
    name: vm.name,
    identity: { name: vm.name, bios_uuid: instanceUuid(`bios:${vm.id}`), instance_uuid: instanceUuid(vm.id) },
    power_state: powerStateOf(vm),
    instant_clone_frozen: false,
    hardware: { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' },
    boot: { type: 'BIOS', delay: 0, retry: false, retry_delay: 10000, enter_setup_mode: false },
    boot_devices: [],
    cpu: cpuInfo(vm),
    memory: memoryInfo(vm),
    disks: new VMap(vm.disks.map((_, index) => [diskKey(index), diskInfo(vm, index, datastoreNames)])),
    nics: new VMap(vm.nics.map((_, index) => [nicKey(index), nicInfo(vm, index)])),
    cdroms: new VMap([]),
    floppies: new VMap([]),
    parallel_ports: new VMap([]),
    serial_ports: new VMap([]),
    sata_adapters: new VMap([]),
    scsi_adapters: new VMap([['1000', { label: 'SCSI controller 0', type: 'PVSCSI', scsi: { bus: 0, unit: 7 }, sharing: 'NONE' }]]),
    nvme_adapters: new VMap([]),
  };
}

export function vmSummary(moid: string, vm: VmDto) {
  return { vm: moid, name: vm.name, power_state: powerStateOf(vm), cpu_count: vm.vcpus, memory_size_MiB: vm.memoryMiB };
}
