import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HostCpuExceededError, HostNotFoundError, VmDisk, VmHardware, datastoreDecider, vmDecider } from '@fsr/domain';
import { AggregateStore, Aggregates, CommandContext, DiskFiles, HOST_AGENT_GATEWAY, HostAgentGateway, IDS, Ids, VmNameReservations, appendNew, appendTo, decideAll, diskFileName, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { CreateVmCommand } from './create-vm.command';

/** Creates the VM powered off: its disk files are created on the datastore by the host's agent, then recorded. */
@CommandHandler(CreateVmCommand)
export class CreateVmHandler implements ICommandHandler<CreateVmCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly diskFiles: DiskFiles,
    private readonly names: VmNameReservations,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(IDS) private readonly ids: Ids,
  ) {}

  execute({ spec, context }: CreateVmCommand) {
    const vmId = this.ids.next();
    const disks: VmDisk[] = spec.disks.map(({ sizeMiB }) => {
      const diskId = this.ids.next();
      return { diskId, sizeMiB, datastoreId: spec.datastoreId, fileName: diskFileName(vmId, diskId) };
    });
    const hardware: VmHardware = {
      vcpus: spec.vcpus,
      coresPerSocket: spec.coresPerSocket,
      memoryMiB: spec.memoryMiB,
      cpuHotAddEnabled: spec.cpuHotAddEnabled,
      memoryHotAddEnabled: spec.memoryHotAddEnabled,
      disks,
      nics: spec.nics.map(({ network }) => ({ nicId: this.ids.next(), network })),
    };
    return retryOnConflict(() => this.create(vmId, hardware, spec, context));
  }

  private async create(vmId: string, hardware: VmHardware, spec: CreateVmCommand['spec'], context: CommandContext) {
    const disks = hardware.disks;
    const [host, datastore, vm] = await Promise.all([
      this.aggregates.host(spec.hostId),
      this.aggregates.datastore(spec.datastoreId),
      this.aggregates.vm(vmId),
    ]);
    if (!host.state.exists) throw new HostNotFoundError(spec.hostId);
    if (spec.vcpus > host.state.capacity.cpuCores) throw new HostCpuExceededError(spec.hostId, spec.vcpus, host.state.capacity.cpuCores);
    const vmEvents = vmDecider.decide(
      { type: 'create', vmId, name: spec.name, hostId: spec.hostId, datastoreId: spec.datastoreId, hardware },
      vm.state,
    );
    const datastoreEvents = decideAll(
      datastoreDecider,
      datastore.state,
      disks.map((disk) => ({ type: 'allocate-space' as const, vmId, diskId: disk.diskId, sizeMiB: disk.sizeMiB })),
    );
    const nameAppend = await this.names.reserve(spec.name, vmId);
    const files = await this.diskFiles.of(disks);
    await this.agents.createDisks(spec.hostId, { vmId, disks: files });
    try {
      const recorded = await this.store.append(
        [
          appendNew(streams.vm(vmId), vmEvents, [subjects.vm(vmId), subjects.host(spec.hostId)]),
          appendTo(streams.datastore(spec.datastoreId), datastore, datastoreEvents, [
            subjects.datastore(spec.datastoreId),
            subjects.vm(vmId),
          ]),
          nameAppend,
        ],
        context,
      );
      return { vmId, position: lastPosition(recorded) };
    } catch (error) {
      await this.agents.deleteDisks(spec.hostId, { vmId, disks: files }).catch(() => undefined);
      throw error;
    }
  }
}
