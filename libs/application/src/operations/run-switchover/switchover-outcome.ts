import { Injectable } from '@nestjs/common';
import { SwitchoverResult } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { OperationFinisher } from '../operation-finisher';
import { SwitchoverJournal } from './switchover-journal';

/** Records what the host agent reported of the stun and ends the operation accordingly. */
@Injectable()
export class SwitchoverOutcome {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
    private readonly finisher: OperationFinisher,
  ) {}

  /** Recorded at most once: a run cut off between the switch-over and its ending is finished without its phases again. */
  async record(operationId: string, result: SwitchoverResult, context: CommandContext): Promise<void> {
    if (result.outcome === 'switched-over') {
      const { state } = await this.aggregates.operation(operationId);
      if (!(state.exists && state.switchover)) await this.journal.recordSwitchover(operationId, result, context);
      await this.finisher.finish(operationId, { outcome: 'succeeded' }, context);
      return;
    }
    await this.journal.recordPhases(operationId, result.phases, context);
    const stunMs = result.suspendedAt !== null && result.resumedAt !== null ? result.resumedAt - result.suspendedAt : null;
    await this.finisher.finish(operationId, { outcome: 'rolled-back', cause: result.cause, stunMs }, context);
  }
}
