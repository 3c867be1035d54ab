import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hostDecider, isSupersededInstance } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { ConnectHostCommand } from '../host.commands';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { HostLossOperations } from '../host-loss/host-loss-operations';
import { HostLosses } from '../host-loss/host-losses';
import { powerOffLostVm, presentAppends } from '../lost-vms';

/**
 * A (re)started agent connects. VMs the log holds as running on the host but the agent does not
 * (it crashed and lost its memory) are recorded as powered off by a host failure, and an operation
 * still open on one of them ends failed: what it was changing died with the previous instance. After a
 * planned restart the agent holds the VMs it kept, and they stay as they are; one the log does not hold
 * running on this host (a database reset under an old DATA_DIR) is powered off on the agent, so no
 * machine page is held that the record counts as free. The start of an instance a newer one already replaced
 * (a report redelivered late) changes nothing. A loss of the host the log holds unhandled (its control plane
 * stopped before it handled it) is handled first, so nothing of the new instance is taken for the lost one's.
 */
@CommandHandler(ConnectHostCommand)
export class ConnectHostHandler implements ICommandHandler<ConnectHostCommand> {
  private readonly logger = new Logger(ConnectHostHandler.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly operations: HostLossOperations,
    private readonly losses: HostLosses,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  async execute(command: ConnectHostCommand): Promise<void> {
    await this.losses.handleUnhandled(command.hostId, command.context);
    const lost = await this.connect(command);
    if (lost === null) {
      this.logger.warn(`ignored the start of agent instance ${command.agentInstanceId} of host ${command.hostId}: a newer instance replaced it`);
      return;
    }
    for (const vmId of lost) await this.operations.endInterrupted(vmId, command.hostId, 'agent-restarted', command.context);
    // The loss of a live instance this connection replaced, recorded with it, before the new one is given work.
    await this.losses.handleUnhandled(command.hostId, command.context);
    await this.powerOffStrangers(command);
  }

  private async powerOffStrangers({ hostId, restoredVms }: ConnectHostCommand): Promise<void> {
    const { state: host } = await this.aggregates.existingHost(hostId);
    for (const { vmId } of restoredVms.filter((vm) => host.committedMiB[vm.vmId] === undefined)) {
      this.logger.warn(`host ${hostId} took back VM ${vmId}, which the log does not hold running there: powering it off on the agent`);
      await this.agents.powerOff(hostId, vmId).catch((error: unknown) => this.logger.warn(`could not power off VM ${vmId} on host ${hostId}: ${String(error)}`));
    }
  }

  /** Returns the VMs recorded lost (their operations are ended once the connection is recorded), null for a replaced instance. */
  private connect({ hostId, name, agentInstanceId, capacity, runningVmIds, restoredVms, context }: ConnectHostCommand): Promise<string[] | null> {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      // A newer instance may have connected since execute() looked: then this start speaks for nobody.
      const known = host.state.exists ? host.state : null;
      if (known && isSupersededInstance(known, agentInstanceId)) return null;
      // The same instance's start delivered again lists the VMs of its start, not of now: nothing is lost.
      const sameInstance = known?.agentInstanceId === agentInstanceId;
      const lost = sameInstance || !known ? [] : Object.keys(known.committedMiB).filter((vmId) => !runningVmIds.includes(vmId));
      const hostEvents = decideAll(hostDecider, host.state, [
        { type: 'connect', hostId, name, agentInstanceId, capacity, restoredVms },
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
