import { Inject, Injectable } from '@nestjs/common';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { WORK_LEASES, WorkLeases } from '../../ports/work-leases.port';
import { PowerChangeJournal } from './power-change-journal';

export const powerChangeLease = (vmId: string) => `power:${vmId}`;

/**
 * Ends a power change whose answer was lost (a timeout, a restart), as the host really ended it: the agent
 * holding the VM means it runs. A change whose lease a live replica holds is still running there and is
 * left to it. Returns false when the agent could not say: the VM stays taken until the next start of a
 * control plane asks again.
 */
@Injectable()
export class InterruptedPowerChangeSettler {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: PowerChangeJournal,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
  ) {}

  /** `runningHere`: the caller is the command that made the change (it holds the lease itself). */
  async settle(vmId: string, context: CommandContext, runningHere = false): Promise<boolean> {
    const { state } = await this.aggregates.vm(vmId);
    const change = state.exists ? state.powerChange : null;
    if (!state.exists || !change) return true;
    if (!runningHere && (await this.leases.heldAmong([powerChangeLease(vmId)])).size > 0) return true;
    let running: boolean;
    try {
      running = (await this.agents.inspectMemory(state.hostId)).vms.some((held) => held.vmId === vmId);
    } catch {
      return false;
    }
    const done = running === (change.action === 'on');
    if (done) await this.journal.complete(vmId, change.action, context);
    else await this.journal.abandon(vmId, change.changeId, `host ${state.hostId} does not hold the VM as a ${change.action} would have left it`, context);
    return true;
  }
}
