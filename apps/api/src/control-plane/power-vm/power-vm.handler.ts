import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HostAgentRejectedError } from '@fsr/contracts';
import { ExistingVm, PowerAction } from '@fsr/domain';
import { DiskFiles, HOST_AGENT_GATEWAY, HostAgentGateway, IDS, Ids, InterruptedPowerChangeSettler, lastPosition, PowerChangeJournal, powerChangeLease, WORK_LEASES, WorkLeases } from '@fsr/application';
import { PowerVmCommand } from './power-vm.command';

/**
 * A power change is taken like an operation: the intent is recorded first (the VM busy, a power-on's
 * memory committed on its host), then the host agent acts, then the outcome is recorded. A command
 * refused by the record (busy, wrong state, If-Match) therefore never reaches the host. Suspend, like
 * power off, frees the VM's memory and PFrames on the host; a suspended VM holds none.
 */
@CommandHandler(PowerVmCommand)
export class PowerVmHandler implements ICommandHandler<PowerVmCommand> {
  constructor(
    private readonly journal: PowerChangeJournal,
    private readonly interrupted: InterruptedPowerChangeSettler,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
    @Inject(IDS) private readonly ids: Ids,
  ) {}

  async execute({ vmId, action, precondition, context }: PowerVmCommand) {
    // Held while the change runs, so a replica starting meanwhile leaves it to this one.
    const lease = await this.leases.acquire(powerChangeLease(vmId));
    try {
      return await this.change(vmId, action, precondition, context);
    } finally {
      await lease?.release();
    }
  }

  private async change(vmId: string, action: PowerAction, precondition: PowerVmCommand['precondition'], context: PowerVmCommand['context']) {
    const changeId = `power-${action}-${this.ids.next()}`;
    const vm = await this.journal.start(vmId, changeId, action, precondition, context);
    try {
      await this.act(vm, action);
    } catch (error) {
      // Only a refusal says the host did nothing; without an answer, what the host holds says how it ended.
      if (error instanceof HostAgentRejectedError) {
        await this.journal.abandon(vmId, changeId, `host ${vm.hostId} did not ${action === 'suspend' ? 'suspend' : `power ${action}`}: ${error.message}`, context);
      } else {
        await this.interrupted.settle(vmId, context, true);
      }
      throw error;
    }
    return { vmId, position: lastPosition(await this.journal.complete(vmId, action, context)) };
  }

  private async act({ vmId, hostId, hardware, powerState }: ExistingVm, action: PowerAction) {
    if (action !== 'on') return powerState === 'poweredOn' ? this.agents.powerOff(hostId, vmId) : undefined;
    const { vcpus, memoryMiB, disks } = hardware;
    await this.agents.powerOn(hostId, { vmId, vcpus, memoryMiB, disks: await this.diskFiles.of(disks) });
  }
}
