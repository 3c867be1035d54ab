import { z } from 'zod';

/**
 * Our reading of the vSphere 7.0.3 Automation API's definitions (vcenter.json, cis.json, session.json):
 * each schema keeps the definition's required fields and enumerations. Optional fields are checked
 * when present. Written by hand from the spec; the spec files themselves are not part of the project.
 */
export type Dialect = 'api' | 'rest';

const ERROR_TYPES = [
  'ERROR', 'ALREADY_EXISTS', 'ALREADY_IN_DESIRED_STATE', 'CANCELED', 'CONCURRENT_CHANGE', 'FEATURE_IN_USE', 'INTERNAL_SERVER_ERROR',
  'INVALID_ARGUMENT', 'INVALID_ELEMENT_CONFIGURATION', 'INVALID_ELEMENT_TYPE', 'INVALID_REQUEST', 'NOT_ALLOWED_IN_CURRENT_STATE',
  'NOT_FOUND', 'OPERATION_NOT_FOUND', 'RESOURCE_BUSY', 'RESOURCE_IN_USE', 'RESOURCE_INACCESSIBLE', 'SERVICE_UNAVAILABLE',
  'TIMED_OUT', 'UNABLE_TO_ALLOCATE_RESOURCE', 'UNAUTHENTICATED', 'UNAUTHORIZED', 'UNEXPECTED_INPUT', 'UNSUPPORTED', 'UNVERIFIED_PEER',
] as const;

const int = z.number().int();
const dateTime = z.iso.datetime({ offset: true });
const powerState = z.enum(['POWERED_OFF', 'POWERED_ON', 'SUSPENDED']);
const hardwareVersion = z.enum(['VMX_03', 'VMX_04', 'VMX_06', 'VMX_07', 'VMX_08', 'VMX_09', 'VMX_10', 'VMX_11', 'VMX_12', 'VMX_13', 'VMX_14', 'VMX_15', 'VMX_16', 'VMX_17', 'VMX_18', 'VMX_19']);
const datastoreType = z.enum(['VMFS', 'NFS', 'NFS41', 'CIFS', 'VSAN', 'VFFS', 'VVOL']);

/** VapiStdLocalizableMessage */
export const localizableMessage = z.object({ id: z.string(), default_message: z.string(), args: z.array(z.string()) });

/** The schemas of one dialect: `/rest` writes maps as `[{key, value}]` lists. */
export function schemasFor(dialect: Dialect) {
  const map = <T extends z.ZodType>(value: T) =>
    dialect === 'api' ? z.record(z.string(), value) : z.array(z.object({ key: z.string(), value }));

  const scsiAddress = z.object({ bus: int, unit: int });
  const diskInfo = z.object({
    label: z.string(),
    type: z.enum(['IDE', 'SCSI', 'SATA', 'NVME']),
    scsi: scsiAddress.optional(),
    backing: z.object({ type: z.enum(['VMDK_FILE']), vmdk_file: z.string().regex(/^\[[^\]]+\] .+\.vmdk$/).optional() }),
    capacity: int.optional(),
  });
  const ethernetInfo = z.object({
    label: z.string(),
    type: z.enum(['E1000', 'E1000E', 'PCNET32', 'VMXNET', 'VMXNET2', 'VMXNET3']),
    mac_type: z.enum(['MANUAL', 'GENERATED', 'ASSIGNED']),
    mac_address: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/).optional(),
    pci_slot_number: int.optional(),
    wake_on_lan_enabled: z.boolean(),
    backing: z.object({ type: z.enum(['STANDARD_PORTGROUP', 'HOST_DEVICE', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK']), network: z.string().optional(), network_name: z.string().optional() }),
    state: z.enum(['CONNECTED', 'RECOVERABLE_ERROR', 'UNRECOVERABLE_ERROR', 'NOT_CONNECTED', 'UNKNOWN']),
    start_connected: z.boolean(),
    allow_guest_control: z.boolean(),
  });
  const cpuInfo = z.object({ count: int, cores_per_socket: int, hot_add_enabled: z.boolean(), hot_remove_enabled: z.boolean() });
  const memoryInfo = z.object({ size_MiB: int, hot_add_enabled: z.boolean(), hot_add_increment_size_MiB: int.optional(), hot_add_limit_MiB: int.optional() });
  const hardwareInfo = z.object({
    version: hardwareVersion,
    upgrade_policy: z.enum(['NEVER', 'AFTER_CLEAN_SHUTDOWN', 'ALWAYS']),
    upgrade_status: z.enum(['NONE', 'PENDING', 'SUCCESS', 'FAILED']),
  });
  const vmInfo = z.object({
    guest_OS: z.string().regex(/^[A-Z0-9_]+$/),
    name: z.string(),
    identity: z.object({ name: z.string(), bios_uuid: z.string(), instance_uuid: z.string() }).optional(),
    power_state: powerState,
    hardware: hardwareInfo,
    boot: z.object({ type: z.enum(['BIOS', 'EFI']), delay: int, retry: z.boolean(), retry_delay: int, enter_setup_mode: z.boolean() }),
    boot_devices: z.array(z.object({ type: z.enum(['CDROM', 'DISK', 'ETHERNET', 'FLOPPY']) })),
    cpu: cpuInfo,
    memory: memoryInfo,
    disks: map(diskInfo),
    nics: map(ethernetInfo),
    cdroms: map(z.unknown()),
    floppies: map(z.unknown()),
    parallel_ports: map(z.unknown()),
    serial_ports: map(z.unknown()),
    sata_adapters: map(z.unknown()),
    scsi_adapters: map(z.object({ label: z.string(), type: z.enum(['BUSLOGIC', 'LSILOGIC', 'LSILOGICSAS', 'PVSCSI']), scsi: scsiAddress, sharing: z.enum(['NONE', 'VIRTUAL', 'PHYSICAL']) })),
  });
  const taskInfo = z.object({
    description: localizableMessage,
    service: z.string(),
    operation: z.string(),
    status: z.enum(['PENDING', 'RUNNING', 'BLOCKED', 'SUCCEEDED', 'FAILED']),
    cancelable: z.boolean(),
    progress: z.object({ total: int, completed: int, message: localizableMessage }).optional(),
    target: z.object({ type: z.string(), id: z.string() }).optional(),
    start_time: dateTime.optional(),
    end_time: dateTime.optional(),
    error: z.string().optional(),
    user: z.string().optional(),
  });

  const body = {
    sessionId: z.string().regex(/^[0-9a-f]{48}$/),
    sessionInfo: z.object({ user: z.string(), created_time: dateTime, last_accessed_time: dateTime }),
    datacenters: z.array(z.object({ datacenter: z.string(), name: z.string() })),
    datacenterInfo: z.object({ name: z.string(), datastore_folder: z.string(), host_folder: z.string(), network_folder: z.string(), vm_folder: z.string() }),
    clusters: z.array(z.object({ cluster: z.string(), name: z.string(), ha_enabled: z.boolean(), drs_enabled: z.boolean() })),
    clusterInfo: z.object({ name: z.string(), resource_pool: z.string() }),
    folders: z.array(z.object({ folder: z.string(), name: z.string(), type: z.enum(['DATACENTER', 'DATASTORE', 'HOST', 'NETWORK', 'VIRTUAL_MACHINE']) })),
    resourcePools: z.array(z.object({ resource_pool: z.string(), name: z.string() })),
    resourcePoolInfo: z.object({ name: z.string(), resource_pools: z.array(z.string()) }),
    hosts: z.array(z.object({ host: z.string(), name: z.string(), connection_state: z.enum(['CONNECTED', 'DISCONNECTED', 'NOT_RESPONDING']), power_state: z.enum(['POWERED_ON', 'POWERED_OFF', 'STANDBY']).optional() })),
    datastores: z.array(z.object({ datastore: z.string(), name: z.string(), type: datastoreType, capacity: int.optional(), free_space: int.optional() })),
    datastoreInfo: z.object({ name: z.string(), type: datastoreType, accessible: z.boolean(), multiple_host_access: z.boolean(), thin_provisioning_supported: z.boolean(), free_space: int.optional() }),
    networks: z.array(z.object({ network: z.string(), name: z.string(), type: z.enum(['STANDARD_PORTGROUP', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK']) })),
    vms: z.array(z.object({ vm: z.string(), name: z.string(), power_state: powerState, cpu_count: int.optional(), memory_size_MiB: int.optional() })),
    vmInfo,
    vmId: z.string().regex(/^vm-\d+$/),
    powerInfo: z.object({ state: powerState, clean_power_off: z.boolean().optional() }),
    hardwareInfo,
    cpuInfo,
    memoryInfo,
    disks: z.array(z.object({ disk: z.string() })),
    diskInfo,
    nics: z.array(z.object({ nic: z.string() })),
    ethernetInfo,
    deviceId: z.string().regex(/^\d+$/),
    taskId: z.string().min(1),
    taskInfo,
    tasks: map(taskInfo),
    interfaces: z.array(z.object({ name: z.string(), status: z.string(), mac: z.string(), ipv4: z.object({ address: z.string() }) })),
  };
  const error =
    dialect === 'api'
      ? z.object({ error_type: z.enum(ERROR_TYPES), messages: z.array(localizableMessage).min(1) })
      : z.object({ type: z.string().regex(/^com\.vmware\.vapi\.std\.errors\.[a-z_]+$/), value: z.object({ messages: z.array(localizableMessage).min(1) }) });
  const answer = <T extends z.ZodType>(schema: T) => (dialect === 'api' ? schema : z.object({ value: schema }));
  return { body, error, answer };
}

export type BodyName = keyof ReturnType<typeof schemasFor>['body'];
export { ERROR_TYPES };
