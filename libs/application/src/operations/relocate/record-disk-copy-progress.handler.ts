import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isTerminal, OperationAlreadyEndedError } from '@fsr/domain';
import { Aggregates } from '../../common/aggregates';
import { SwitchoverJournal } from '../run-switchover/switchover-journal';
import { RecordDiskCopyProgressCommand } from '../operation.commands';

/** Progress reports may arrive late, twice or after the end; the decider keeps only what moves forward. */
@CommandHandler(RecordDiskCopyProgressCommand)
export class RecordDiskCopyProgressHandler implements ICommandHandler<RecordDiskCopyProgressCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
  ) {}

  async execute({ operationId, copiedBytes, bytesPerSecond, context }: RecordDiskCopyProgressCommand): Promise<void> {
    const { state } = await this.aggregates.operation(operationId);
    if (!state.exists || isTerminal(state)) return;
    try {
      await this.journal.recordDiskCopyProgress(operationId, copiedBytes, bytesPerSecond, context);
    } catch (error) {
      // The operation ended between the read and the append: its last progress no longer matters.
      if (!(error instanceof OperationAlreadyEndedError)) throw error;
    }
  }
}
