import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentHolding, isTerminal, ExistingOperation } from '@fsr/domain';
import { SwitchoverStatus } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { HOST_DISCONNECTED } from '../../hosts/host-loss/host-loss-operations';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { OperationFinisher } from '../operation-finisher';
import { pause, RunStopped } from './run-stop';
import { SwitchoverOutcome } from './switchover-outcome';

const UNANSWERED_RETRY_MS = 1_000;

/**
 * Asks the host agent what it holds of an operation, for a run that cannot know (it took the operation
 * over, or lost the agent's answer). A stun the agent ended is recorded as it ended, at once. An agent
 * that cannot answer is asked again for as long as its host is connected: nothing is recorded by guess.
 * Once the host is recorded lost, the stun's job may still hold what the agent answered before it went;
 * only without it does the operation end as lost. Null: the operation has ended.
 */
@Injectable()
export class AgentInquiry {
  private readonly logger = new Logger(AgentInquiry.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly outcome: SwitchoverOutcome,
    private readonly finisher: OperationFinisher,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  async ask(state: ExistingOperation, context: CommandContext, stop?: AbortSignal): Promise<AgentHolding | null> {
    const { operationId, hostId } = state;
    for (let unanswered = 0; ; unanswered++) {
      if (stop?.aborted) throw new RunStopped();
      const status = await this.agents.switchoverStatus(hostId, operationId).catch((error: unknown) => {
        if (unanswered === 0) this.logger.warn(`operation ${operationId}: host agent ${hostId} cannot say what it holds yet (${(error as Error).message}); asking again`);
        return null;
      });
      if (status) return this.holding(status, state, context);
      const { state: latest } = await this.aggregates.operation(operationId);
      if (!latest.exists || isTerminal(latest)) return null;
      const { state: host } = await this.aggregates.host(hostId);
      if (!host.exists || host.connectionState !== 'connected') return this.endLost(latest, context);
      await pause(UNANSWERED_RETRY_MS, stop);
    }
  }

  private async holding(status: SwitchoverStatus, state: ExistingOperation, context: CommandContext): Promise<AgentHolding | null> {
    const { operationId } = state;
    switch (status.state) {
      case 'ended':
        await this.outcome.record(operationId, status.result, context);
        return null;
      case 'preparing':
      case 'executing':
        return { state: 'busy' };
      case 'prepared':
        return { state: 'prepared', epoch: status.epoch };
      case 'unknown':
        // An agent restarted since may have run the stun: the job it answered holds how it ended.
        return (await this.answeredBefore(state, context)) ? null : { state: 'nothing' };
    }
  }

  /** Records the stun's ending from its finished job, if the agent answered it before it went; true when it did. */
  private async answeredBefore(state: ExistingOperation, context: CommandContext): Promise<boolean> {
    const { operationId, hostId, epoch } = state;
    const answered = state.status === 'switching-over' && epoch !== null ? await this.agents.finishedSwitchover(hostId, operationId, epoch).catch(() => null) : null;
    if (answered) await this.outcome.record(operationId, answered, context);
    return answered !== null;
  }

  private async endLost(state: ExistingOperation, context: CommandContext): Promise<null> {
    const { operationId, hostId } = state;
    if (await this.answeredBefore(state, context)) return null;
    const cause = { code: HOST_DISCONNECTED, message: `host ${hostId} was lost before its agent could say how the operation ended` };
    await this.finisher.finish(operationId, { outcome: 'failed', cause }, context);
    return null;
  }
}
