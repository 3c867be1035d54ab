import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hostDecider, vmDecider } from '@fsr/domain';
import { AggregateStore, lastPosition } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { DiskFiles } from '../disk-files';
import { PowerVmCommand, Precondition } from '../vm.commands';

/**
 * Power on commits the VM's memory on its host (admission control) and has the agent allocate its
 * PFrames; power off frees both. The agent acts first; if recording then fails it is undone.
 */
@CommandHandler(PowerVmCommand)
export class PowerVmHandler implements ICommandHandler<PowerVmCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  execute({ vmId, action, precondition, context }: PowerVmCommand) {
    return retryOnConflict(
      () => (action === 'on' ? this.powerOn(vmId, precondition, context) : this.powerOff(vmId, precondition, context)),
      precondition.expectedVersion,
      streams.vm(vmId),
    );
  }

  private async powerOn(vmId: string, precondition: Precondition, context: CommandContext) {
    const vm = await this.aggregates.vm(vmId);
    const hostId = vm.state.hostId;
    const host = await this.aggregates.host(hostId);
    const vmEvents = vmDecider.decide({ type: 'power-on', hostId }, vm.state);
    const { vcpus, memoryMiB, disks } = vm.state.hardware;
    const hostEvents = hostDecider.decide({ type: 'commit-vm-memory', vmId, memoryMiB }, host.state);
    await this.agents.powerOn(hostId, { vmId, vcpus, memoryMiB, disks: await this.diskFiles.of(disks) });
    try {
      return await this.record(vmId, hostId, vm, vmEvents, host, hostEvents, precondition, context);
    } catch (error) {
      await this.agents.powerOff(hostId, vmId).catch(() => undefined);
      throw error;
    }
  }

  private async powerOff(vmId: string, precondition: Precondition, context: CommandContext) {
    const vm = await this.aggregates.vm(vmId);
    const hostId = vm.state.hostId;
    const host = await this.aggregates.host(hostId);
    const vmEvents = vmDecider.decide({ type: 'power-off', reason: 'user' }, vm.state);
    const hostEvents = hostDecider.decide({ type: 'commit-vm-memory', vmId, memoryMiB: 0 }, host.state);
    await this.agents.powerOff(hostId, vmId);
    return this.record(vmId, hostId, vm, vmEvents, host, hostEvents, precondition, context);
  }

  private async record(
    vmId: string,
    hostId: string,
    vm: { version: number },
    vmEvents: ReturnType<typeof vmDecider.decide>,
    host: { version: number },
    hostEvents: ReturnType<typeof hostDecider.decide>,
    precondition: Precondition,
    context: CommandContext,
  ) {
    const recorded = await this.store.append(
      [
        appendTo(streams.vm(vmId), vm, vmEvents, [subjects.vm(vmId), subjects.host(hostId)], precondition.expectedVersion),
        appendTo(streams.host(hostId), host, hostEvents, [subjects.host(hostId), subjects.vm(vmId)]),
      ],
      context,
    );
    return { vmId, position: lastPosition(recorded) };
  }
}
