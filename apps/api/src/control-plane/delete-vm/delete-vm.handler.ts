import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ExistingVm, datastoreDecider, requireVm, vmDecider } from '@fsr/domain';
import { AggregateStore, Aggregates, DiskFiles, HOST_AGENT_GATEWAY, HostAgentGateway, StreamAppend, VmNameReservations, appendTo, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { DeleteVmCommand } from './delete-vm.command';

/** Deletes a powered-off VM: its disk files are removed by the host agent and their space freed. */
@CommandHandler(DeleteVmCommand)
export class DeleteVmHandler implements ICommandHandler<DeleteVmCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly diskFiles: DiskFiles,
    private readonly names: VmNameReservations,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  execute({ vmId, precondition, context }: DeleteVmCommand) {
    return retryOnConflict(async () => {
      const vm = await this.aggregates.vm(vmId);
      const vmEvents = vmDecider.decide({ type: 'delete' }, vm.state);
      const deleted = requireVm(vm.state);
      const [datastoreAppends, nameAppend] = await Promise.all([this.freeDisks(deleted), this.names.release(deleted)]);
      await this.agents.deleteDisks(deleted.hostId, { vmId, disks: await this.diskFiles.of(deleted.hardware.disks) });
      const recorded = await this.store.append(
        [
          appendTo(streams.vm(vmId), vm, vmEvents, [subjects.vm(vmId), subjects.host(deleted.hostId)], precondition.expectedVersion),
          ...datastoreAppends,
          nameAppend,
        ],
        context,
      );
      return { vmId, position: lastPosition(recorded) };
    }, precondition.expectedVersion, streams.vm(vmId));
  }

  private async freeDisks(vm: ExistingVm): Promise<StreamAppend[]> {
    const datastoreIds = [...new Set(vm.hardware.disks.map((disk) => disk.datastoreId))];
    return Promise.all(
      datastoreIds.map(async (datastoreId) => {
        const datastore = await this.aggregates.datastore(datastoreId);
        const events = vm.hardware.disks
          .filter((disk) => disk.datastoreId === datastoreId)
          .flatMap((disk) =>
            datastoreDecider.decide({ type: 'free-space', vmId: vm.vmId, diskId: disk.diskId }, datastore.state),
          );
        return appendTo(streams.datastore(datastoreId), datastore, events, [subjects.datastore(datastoreId), subjects.vm(vm.vmId)]);
      }),
    );
  }
}
