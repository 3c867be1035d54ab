import { z } from 'zod';
import { cpuUpdateSpec, memoryUpdateSpec } from '../hardware/update-specs';

const moid = z.string().min(1).max(80);
const flag = z.boolean().optional();

const diskSpec = z.object({
  type: z.enum(['IDE', 'SCSI', 'SATA', 'NVME']).optional(),
  new_vmdk: z.object({ capacity: z.number().int().min(1).optional(), name: z.string().max(80).optional() }).optional(),
  backing: z.unknown().optional(),
  scsi: z.unknown().optional(),
  sata: z.unknown().optional(),
  ide: z.unknown().optional(),
  nvme: z.unknown().optional(),
});

const nicSpec = z.object({
  type: z.enum(['E1000', 'E1000E', 'PCNET32', 'VMXNET', 'VMXNET2', 'VMXNET3']).optional(),
  backing: z.object({ type: z.enum(['STANDARD_PORTGROUP', 'HOST_DEVICE', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK']), network: moid.optional() }).optional(),
  start_connected: flag,
  allow_guest_control: flag,
  wake_on_lan_enabled: flag,
  mac_type: z.enum(['MANUAL', 'GENERATED', 'ASSIGNED']).optional(),
});

/** VM.CreateSpec, as far as our VMs go; the device kinds we do not model must be left empty. */
export const createSpec = z.strictObject({
  guest_OS: z.string().regex(/^[A-Z0-9_]+$/, 'a VM.GuestOS value such as OTHER_LINUX_64'),
  name: z.string().min(1).max(80).optional(),
  placement: z
    .object({ folder: moid.optional(), resource_pool: moid.optional(), host: moid.optional(), cluster: moid.optional(), datastore: moid.optional() })
    .optional(),
  hardware_version: z.string().optional(),
  cpu: cpuUpdateSpec.optional(),
  memory: memoryUpdateSpec.optional(),
  disks: z.array(diskSpec).max(60).optional(),
  nics: z.array(nicSpec).max(10).optional(),
  boot: z.unknown().optional(),
  boot_devices: z.array(z.unknown()).max(0, 'boot devices are not supported').optional(),
  cdroms: z.array(z.unknown()).max(0, 'CD-ROMs are not supported').optional(),
  floppies: z.array(z.unknown()).max(0, 'floppies are not supported').optional(),
  parallel_ports: z.array(z.unknown()).max(0, 'parallel ports are not supported').optional(),
  serial_ports: z.array(z.unknown()).max(0, 'serial ports are not supported').optional(),
  sata_adapters: z.array(z.unknown()).optional(),
  scsi_adapters: z.array(z.unknown()).optional(),
  nvme_adapters: z.array(z.unknown()).optional(),
  storage_policy: z.unknown().optional(),
});

export type CreateSpec = z.infer<typeof createSpec>;
