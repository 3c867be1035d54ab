import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hostDecider } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { ConnectHostCommand } from '../host.commands';
import { HostLossOperations } from '../host-loss/host-loss-operations';
import { powerOffLostVm, presentAppends } from '../lost-vms';

/**
 * A (re)started agent connects. VMs the log holds as running on the host but the agent does not
 * (it restarted and lost its memory) are recorded as powered off by a host failure, and an operation
 * still open on one of them ends failed: what it was changing died with the previous instance.
 */
@CommandHandler(ConnectHostCommand)
export class ConnectHostHandler implements ICommandHandler<ConnectHostCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly operations: HostLossOperations,
  ) {}

  async execute(command: ConnectHostCommand): Promise<void> {
    const lost = await this.connect(command);
    for (const vmId of lost) await this.operations.endInterrupted(vmId, command.hostId, 'agent-restarted', command.context);
  }

  /** Returns the VMs recorded lost: their operations are ended once the connection is recorded. */
  private connect({ hostId, name, agentInstanceId, capacity, runningVmIds, context }: ConnectHostCommand): Promise<string[]> {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      const lost = Object.keys(host.state.committedMiB).filter((vmId) => !runningVmIds.includes(vmId));
      const hostEvents = decideAll(hostDecider, host.state, [
        { type: 'connect', hostId, name, agentInstanceId, capacity },
        ...lost.map((vmId) => ({ type: 'commit-vm-memory' as const, vmId, memoryMiB: 0 })),
      ]);
      const lostVmAppends = await Promise.all(lost.map((vmId) => powerOffLostVm(this.aggregates, vmId)));
      await this.store.append(
        [
          appendTo(streams.host(hostId), host, hostEvents, [subjects.host(hostId)]),
          ...presentAppends(lostVmAppends),
        ],
        context,
      );
      return lost;
    });
  }
}
