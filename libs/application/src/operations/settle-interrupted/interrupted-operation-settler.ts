import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { HOST_AGENT_ERROR_CODES, HostAgentRejectedError, SwitchoverStatus } from '@fsr/contracts';
import { isTerminal, OperationState } from '@fsr/domain';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { Ending, OperationFinisher } from '../operation-finisher';
import { SwitchoverOutcome } from '../run-switchover/switchover-outcome';

export const CONTROL_PLANE_RESTARTED = 'CONTROL_PLANE_RESTARTED';
const POLL_MS = 200;

/** What cut the run off from its agent: the code and opening words of the cause the operation may end with. */
export interface Interruption {
  readonly code: string;
  readonly what: string;
}

export const CONTROL_PLANE_RESTART: Interruption = { code: CONTROL_PLANE_RESTARTED, what: 'the control plane restarted' };

/**
 * Ends an operation whose run lost touch with its host agent (a previous control plane process died, the
 * switch-over's answer was lost with Redis, the database went away), from what the agent holds: a stun
 * the agent finished (switched over or rolled back) is recorded as it ended; a destination
 * not yet resumed is discarded, so the source runs on unchanged (rolled back); a prepare or stun still
 * under way is waited for.
 */
@Injectable()
export class InterruptedOperationSettler {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly outcome: SwitchoverOutcome,
    private readonly finisher: OperationFinisher,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  async settle(operationId: string, context: CommandContext, interruption = CONTROL_PLANE_RESTART, maxWaitMs = 60_000): Promise<void> {
    const { state } = await this.aggregates.operation(operationId);
    if (!state.exists || isTerminal(state)) return;
    const deadline = Date.now() + maxWaitMs;
    const end = async (outcome: 'failed' | 'rolled-back', when: string): Promise<void> => {
      const cause = { code: interruption.code, message: `${interruption.what} ${when}` };
      const ending: Ending = outcome === 'failed' ? { outcome, cause } : { outcome, cause, stunMs: null };
      await this.finisher.finish(operationId, ending, context);
    };
    for (;;) {
      let status: SwitchoverStatus;
      let discarded = false;
      try {
        status = await this.agents.switchoverStatus(state.hostId, operationId);
        if (status.state === 'prepared') discarded = await this.discarded(state);
      } catch (error) {
        return end('failed', `and host agent ${state.hostId} could not say what it holds: ${(error as Error).message}`);
      }
      switch (status.state) {
        case 'ended':
          return this.outcome.record(operationId, status.result, context);
        case 'unknown':
          return state.status === 'switching-over'
            ? end('failed', `and host agent ${state.hostId} holds no trace of the switch-over`)
            : end('rolled-back', 'before the switch-over; nothing of it was left on the host');
        case 'prepared':
          if (discarded) return end('rolled-back', 'before the destination was resumed; the source runs on');
          break;
      }
      if (Date.now() > deadline) return end('failed', `and host agent ${state.hostId} did not end the switch-over in time`);
      await sleep(POLL_MS);
    }
  }

  /** False when the agent started the stun meanwhile: it is then waited for. */
  private async discarded({ hostId, operationId }: OperationState): Promise<boolean> {
    try {
      await this.agents.discardSwitchover(hostId, operationId);
      return true;
    } catch (error) {
      if (error instanceof HostAgentRejectedError && error.code === HOST_AGENT_ERROR_CODES.vmBusy) return false;
      throw error;
    }
  }
}
