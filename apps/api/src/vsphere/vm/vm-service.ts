import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '@fsr/application';
import { CreateVmCommand } from '../../control-plane/create-vm/create-vm.command';
import { DeleteVmCommand } from '../../control-plane/delete-vm/delete-vm.command';
import { Projector } from '@fsr/infrastructure';
import { invalidArgument, VsphereError } from '../errors/vsphere-error';
import { FilterSpec, matches, parseFilters } from '../filters/list-filters';
import { FIXED } from '../inventory/fixed-inventory';
import { Inventory } from '../inventory/inventory';
import { parseSpec } from '../dialects/parse-spec';
import { CreateSpec, createSpec } from './create-spec';
import { vmInfo, vmSummary } from './vm-info';
import { VmLookup } from './vm-lookup';
import { VmPlacement } from './vm-placement';

const VM_FILTERS: FilterSpec = {
  vms: undefined,
  names: undefined,
  folders: undefined,
  datacenters: undefined,
  hosts: undefined,
  clusters: undefined,
  resource_pools: undefined,
  power_states: ['POWERED_OFF', 'POWERED_ON', 'SUSPENDED'],
};
const MiB = 1024 * 1024;
const DEFAULT_DISK_MIB = 16;
const DEFAULT_MEMORY_MIB = 512;

type Recorded = { vmId: string; position: bigint | null };

/** VM list, get, create and delete, translated onto our VM commands and read model. */
@Injectable()
export class VmService {
  constructor(
    private readonly commands: CommandBus,
    private readonly inventory: Inventory,
    private readonly lookup: VmLookup,
    private readonly placement: VmPlacement,
    private readonly projector: Projector,
  ) {}

  async list(query: Record<string, unknown>) {
    const filters = parseFilters(query, VM_FILTERS);
    const vms = await this.inventory.allVms();
    const { hosts } = await this.inventory.placementMoids(vms.map(({ item }) => item));
    return vms
      .filter(({ moid, item }) =>
        matches(
          {
            vms: moid,
            names: item.name,
            folders: FIXED.vmFolder.id,
            datacenters: FIXED.datacenter.id,
            hosts: hosts.get(item.hostId),
            clusters: FIXED.cluster.id,
            resource_pools: FIXED.resourcePool.id,
            power_states: vmSummary(moid, item).power_state,
          },
          filters,
        ),
      )
      .map(({ moid, item }) => vmSummary(moid, item));
  }

  async get(moid: string) {
    return vmInfo(await this.lookup.get(moid), await this.datastoreNames());
  }

  async datastoreNames(): Promise<Map<string, string>> {
    return new Map((await this.inventory.allDatastores()).map(({ item }) => [item.id, item.name]));
  }

  async create(body: unknown, context: CommandContext): Promise<string> {
    const spec = parseSpec(createSpec, body, 'VM.CreateSpec');
    const { hostId, datastoreId } = await this.placement.resolve(spec.placement);
    const hardware = this.hardwareOf(spec);
    // As vCenter does when the spec names none.
    const name = spec.name ?? `Virtual Machine ${randomUUID().slice(0, 8)}`;
    const command = new CreateVmCommand({ name, hostId, datastoreId, ...hardware }, context);
    const { vmId, position } = await this.commands.execute<CreateVmCommand, Recorded>(command);
    if (position !== null) await this.projector.waitUntil(position);
    return this.inventory.ids.moidOf('vm', vmId);
  }

  async remove(moid: string, context: CommandContext): Promise<void> {
    const { id } = await this.lookup.get(moid);
    const { position } = await this.commands.execute<DeleteVmCommand, Recorded>(new DeleteVmCommand(id, {}, context));
    if (position !== null) await this.projector.waitUntil(position);
  }

  private hardwareOf(spec: CreateSpec) {
    if (spec.cpu?.hot_remove_enabled) throw invalidArgument('cpu.hot_remove_enabled: removing vCPUs while powered on is not supported');
    const vcpus = spec.cpu?.count ?? 1;
    const nics = (spec.nics ?? []).map((nic, index) => {
      const network = nic.backing?.network ?? FIXED.network.id;
      if (network !== FIXED.network.id) throw invalidArgument(`nics[${index}].backing.network ${network} does not exist; this vCenter has ${FIXED.network.id}`, [network]);
      return { network: FIXED.network.name };
    });
    (spec.disks ?? []).forEach((disk, index) => {
      if (disk.backing !== undefined) throw new VsphereError('UNSUPPORTED', `disks[${index}].backing: attaching an existing VMDK is not supported; give new_vmdk`, 'fsr.unsupported');
    });
    const disks = (spec.disks ?? [{}]).map((disk) => ({ sizeMiB: Math.ceil((disk.new_vmdk?.capacity ?? DEFAULT_DISK_MIB * MiB) / MiB) }));
    return {
      vcpus,
      coresPerSocket: spec.cpu?.cores_per_socket ?? 1,
      memoryMiB: spec.memory?.size_MiB ?? DEFAULT_MEMORY_MIB,
      cpuHotAddEnabled: spec.cpu?.hot_add_enabled ?? false,
      memoryHotAddEnabled: spec.memory?.hot_add_enabled ?? false,
      disks,
      nics,
    };
  }
}

