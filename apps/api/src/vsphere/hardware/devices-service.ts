import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CommandContext } from '@fsr/application';
import { invalidArgument, notFound } from '../errors/vsphere-error';
import { FIXED } from '../inventory/fixed-inventory';
import { parseSpec } from '../dialects/parse-spec';
import { diskInfo, diskKey, nicInfo, nicKey } from '../vm/vm-info';
import { VmLookup } from '../vm/vm-lookup';
import { VmService } from '../vm/vm-service';
import { LongCallResult, Reconfigure } from './reconfigure';

const MiB = 1024 * 1024;
const DEFAULT_DISK_MIB = 16;

const diskCreateSpec = z.strictObject({
  type: z.enum(['IDE', 'SCSI', 'SATA', 'NVME']).optional(),
  new_vmdk: z.object({ capacity: z.number().int().min(1).optional(), name: z.string().max(80).optional() }).optional(),
  backing: z.undefined({ error: 'attaching an existing VMDK is not supported; use new_vmdk' }).optional(),
  scsi: z.unknown().optional(),
});

const ethernetCreateSpec = z.strictObject({
  type: z.enum(['E1000', 'E1000E', 'PCNET32', 'VMXNET', 'VMXNET2', 'VMXNET3']).optional(),
  backing: z.object({ type: z.literal('STANDARD_PORTGROUP'), network: z.string().optional() }).optional(),
  start_connected: z.boolean().optional(),
  allow_guest_control: z.boolean().optional(),
  wake_on_lan_enabled: z.boolean().optional(),
  mac_type: z.enum(['GENERATED', 'ASSIGNED']).optional(),
});

/** Hardware.Disk and Hardware.Ethernet: list, get, and create through the same hot-add path as CPU and memory. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly lookup: VmLookup,
    private readonly vms: VmService,
    private readonly reconfigure: Reconfigure,
  ) {}

  async disks(moid: string) {
    return (await this.lookup.get(moid)).disks.map((_, index) => ({ disk: diskKey(index) }));
  }

  async disk(moid: string, key: string) {
    const vm = await this.lookup.get(moid);
    const index = vm.disks.findIndex((_, at) => diskKey(at) === key);
    if (index < 0) throw notFound('Disk', key);
    return diskInfo(vm, index, await this.vms.datastoreNames());
  }

  async nics(moid: string) {
    return (await this.lookup.get(moid)).nics.map((_, index) => ({ nic: nicKey(index) }));
  }

  async nic(moid: string, key: string) {
    const vm = await this.lookup.get(moid);
    const index = vm.nics.findIndex((_, at) => nicKey(at) === key);
    if (index < 0) throw notFound('Ethernet adapter', key);
    return nicInfo(vm, index);
  }

  /** The new disk's identifier, or the task adding it. */
  async addDisk(moid: string, body: unknown, context: CommandContext, asTask: boolean): Promise<LongCallResult | { created: string }> {
    const spec = parseSpec(diskCreateSpec, body, 'Disk.CreateSpec');
    const vm = await this.lookup.get(moid);
    const sizeMiB = Math.ceil((spec.new_vmdk?.capacity ?? DEFAULT_DISK_MIB * MiB) / MiB);
    const result = await this.reconfigure.apply(vm.id, { devices: [{ type: 'disk', sizeMiB }] }, context, asTask);
    return 'task' in result ? result : { created: diskKey(vm.disks.length) };
  }

  async addNic(moid: string, body: unknown, context: CommandContext, asTask: boolean): Promise<LongCallResult | { created: string }> {
    const spec = parseSpec(ethernetCreateSpec, body, 'Ethernet.CreateSpec');
    const network = spec.backing?.network ?? FIXED.network.id;
    if (network !== FIXED.network.id) throw invalidArgument(`backing.network ${network} does not exist; this vCenter has ${FIXED.network.id}`, [network]);
    const vm = await this.lookup.get(moid);
    const result = await this.reconfigure.apply(vm.id, { devices: [{ type: 'nic', network: FIXED.network.name }] }, context, asTask);
    return 'task' in result ? result : { created: nicKey(vm.nics.length) };
  }
}
