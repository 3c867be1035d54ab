import { Injectable } from '@nestjs/common';
import { ExistingVm, hostDecider, PowerAction, VmCommand, vmDecider } from '@fsr/domain';
import { AggregateStore, Loaded } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { Precondition } from '../../common/precondition';

/** The three records of a power change: taken, then done or abandoned; each with the host's memory commitment. */
@Injectable()
export class PowerChangeJournal {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
  ) {}

  /** Power-on commits the VM's memory on its host with the intent, so admission control refuses before the host acts. */
  start(vmId: string, changeId: string, action: PowerAction, precondition: Precondition, context: CommandContext): Promise<ExistingVm> {
    return retryOnConflict(
      async () => {
        const vm = await this.aggregates.existingVm(vmId);
        const vmEvents = vmDecider.decide({ type: 'start-power-change', changeId, action }, vm.state);
        const { hardware } = vm.state;
        const memoryMiB = action === 'on' ? hardware.memoryMiB : null;
        await this.append(vm, vmEvents, memoryMiB, context, precondition.expectedVersion);
        return vm.state;
      },
      precondition.expectedVersion,
      streams.vm(vmId),
    );
  }

  complete(vmId: string, action: PowerAction, context: CommandContext) {
    return retryOnConflict(async () => {
      const vm = await this.aggregates.existingVm(vmId);
      const vmEvents = vmDecider.decide(outcomeCommand(action, vm.state), vm.state);
      const freesMemory = action !== 'on' && vm.state.powerState === 'poweredOn';
      return this.append(vm, vmEvents, freesMemory ? 0 : null, context);
    });
  }

  /** Gives back what the intent took: the VM as it was, a power-on's memory uncommitted. */
  abandon(vmId: string, changeId: string, reason: string, context: CommandContext) {
    return retryOnConflict(async () => {
      const vm = await this.aggregates.existingVm(vmId);
      const vmEvents = vmDecider.decide({ type: 'abandon-power-change', changeId, reason }, vm.state);
      const wasPoweringOn = vm.state.powerChange?.changeId === changeId && vm.state.powerChange.action === 'on';
      return this.append(vm, vmEvents, wasPoweringOn ? 0 : null, context);
    });
  }

  /** `commitMiB` null leaves the host's stream alone. */
  private async append(vm: Loaded<ExistingVm>, vmEvents: ReturnType<typeof vmDecider.decide>, commitMiB: number | null, context: CommandContext, expectedVersion?: number) {
    const { vmId, hostId } = vm.state;
    const appends = [appendTo(streams.vm(vmId), vm, vmEvents, [subjects.vm(vmId), subjects.host(hostId)], expectedVersion)];
    if (commitMiB !== null) {
      const host = await this.aggregates.host(hostId);
      const hostEvents = hostDecider.decide({ type: 'commit-vm-memory', vmId, memoryMiB: commitMiB }, host.state);
      appends.push(appendTo(streams.host(hostId), host, hostEvents, [subjects.host(hostId), subjects.vm(vmId)]));
    }
    return this.store.append(appends, context);
  }
}

function outcomeCommand(action: PowerAction, state: ExistingVm): VmCommand {
  switch (action) {
    case 'on':
      return { type: 'power-on', hostId: state.hostId };
    case 'off':
      return { type: 'power-off', reason: 'user' };
    case 'suspend':
      return { type: 'suspend' };
  }
}
