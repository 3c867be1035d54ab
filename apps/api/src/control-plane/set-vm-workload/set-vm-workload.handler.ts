import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireVm, vmDecider } from '@fsr/domain';
import { AggregateStore, Aggregates, DiskFiles, HOST_AGENT_GATEWAY, HostAgentGateway, appendTo, assertPrecondition, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { SetVmWorkloadCommand } from './set-vm-workload.command';

@CommandHandler(SetVmWorkloadCommand)
export class SetVmWorkloadHandler implements ICommandHandler<SetVmWorkloadCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  execute({ vmId, workload, precondition, context }: SetVmWorkloadCommand) {
    return retryOnConflict(async () => {
      const vm = await this.aggregates.vm(vmId);
      assertPrecondition(streams.vm(vmId), vm, precondition);
      const events = vmDecider.decide({ type: 'set-workload', workload }, vm.state);
      const { hardware, hostId } = requireVm(vm.state);
      const disks = await this.diskFiles.of(hardware.disks);
      await this.agents.setWorkload(hostId, { vmId, workload, disks });
      const recorded = await this.store.append(
        [appendTo(streams.vm(vmId), vm, events, [subjects.vm(vmId)], precondition.expectedVersion)],
        context,
      );
      return { vmId, position: lastPosition(recorded) };
    }, precondition.expectedVersion, streams.vm(vmId));
  }
}
