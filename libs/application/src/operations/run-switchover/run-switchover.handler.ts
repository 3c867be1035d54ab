import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OperationCancelledError, OperationCause, OperationState, isTerminal } from '@fsr/domain';
import { HostAgentJobLostError, HostAgentUnavailableError, SegmentFaultInjection, SwitchoverResult } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { whenStoreAnswers } from '../../common/when-store-answers';
import { EventStoreUnavailableError } from '../../ports/event-store.port';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { DiskFiles } from '../../vms/disk-files';
import { RunSwitchoverCommand } from '../operation.commands';
import { OperationFinisher } from '../operation-finisher';
import { InterruptedOperationSettler } from '../settle-interrupted/interrupted-operation-settler';
import { causeOf } from './cause-of';
import { RelocationSteps } from '../relocate/relocation-steps';
import { SwitchoverJournal } from './switchover-journal';
import { SwitchoverOutcome } from './switchover-outcome';

const LOST_PREPARE_RETRIES = 2;
const DATABASE_OUTAGE = { code: 'DATABASE_UNAVAILABLE', what: 'the database could not be reached' };

/**
 * Drives one FSR operation to an end: prepare everything the host can before the suspend, cross the
 * point of no cancel in the log, let the host agent run the stun window on its own, record what it measured.
 */
@CommandHandler(RunSwitchoverCommand)
export class RunSwitchoverHandler implements ICommandHandler<RunSwitchoverCommand> {
  private readonly logger = new Logger(RunSwitchoverHandler.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
    private readonly finisher: OperationFinisher,
    private readonly diskFiles: DiskFiles,
    private readonly outcome: SwitchoverOutcome,
    private readonly settler: InterruptedOperationSettler,
    private readonly relocation: RelocationSteps,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  async execute(command: RunSwitchoverCommand): Promise<void> {
    try {
      await this.run(command);
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError)) throw error;
      await this.settleOnceTheStoreAnswers(command.operationId, command.context);
    }
  }

  private async run({ operationId, context, faultInjection }: RunSwitchoverCommand): Promise<void> {
    const { state } = await this.aggregates.operation(operationId);
    if (!state.exists || isTerminal(state)) return;
    let epoch = (state.epoch ?? 0) + 1;
    try {
      if (state.relocation) await this.relocation.copyDisks(state, context);
      if (state.relocation?.cold) {
        await this.finisher.finish(operationId, { outcome: 'succeeded' }, context);
        return await this.relocation.deleteSourceCopies(state);
      }
      epoch = await this.prepare(state, epoch, context, faultInjection);
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw error;
      return this.abandon(state, causeOf(error), context);
    }
    try {
      await this.journal.startSwitchover(operationId, epoch, context);
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw error;
      if (error instanceof OperationCancelledError) return this.discard(state);
      return this.abandon(state, causeOf(error), context);
    }
    await this.switchOver(state, epoch, context);
  }

  /**
   * The log could not take the run's next step (it may or may not hold the last one): once it answers
   * again, what the host agent holds decides how the operation ends, as after a restart.
   */
  private async settleOnceTheStoreAnswers(operationId: string, context: CommandContext): Promise<void> {
    this.logger.warn(`operation ${operationId}: the event store cannot be reached; the operation ends once it can`);
    await whenStoreAnswers(() => this.settler.settle(operationId, context, DATABASE_OUTAGE));
    await this.relocation.deleteSourceCopiesIfRelocated((await this.aggregates.operation(operationId)).state);
  }

  /** Returns the epoch prepared: a prepare whose job Redis lost is discarded and sent again under the next one. */
  private async prepare(state: OperationState, firstEpoch: number, context: CommandContext, faultInjection?: SegmentFaultInjection) {
    const { operationId, hostId, vmId, mode, target, source, segments } = state;
    await this.journal.startPhase(operationId, 'prepare', context);
    const sourceDisks = new Set(source.disks.map((disk) => disk.diskId));
    const addedDisks = target.disks.filter((disk) => !sourceDisks.has(disk.diskId));
    if (addedDisks.length > 0) await this.agents.createDisks(hostId, { vmId, disks: await this.diskFiles.of(addedDisks) });
    const targetDisks = state.relocation ? { targetDisks: await this.diskFiles.of(target.disks) } : {};
    for (let epoch = firstEpoch; ; epoch++) {
      try {
        await this.agents.prepareSwitchover(hostId, {
          operationId,
          epoch,
          vmId,
          mode,
          targetVcpus: target.vcpus,
          targetMemoryMiB: target.memoryMiB,
          segments: [...segments],
          ...targetDisks,
          ...(faultInjection ? { faultInjection } : {}),
        });
        await this.journal.completePhase(operationId, 'prepare', context);
        return epoch;
      } catch (error) {
        if (!(error instanceof HostAgentJobLostError) || epoch - firstEpoch >= LOST_PREPARE_RETRIES) throw error;
        this.logger.warn(`operation ${operationId}: ${error.message}; preparing again`);
        await this.discard(state);
      }
    }
  }

  private async switchOver(state: OperationState, epoch: number, context: CommandContext) {
    const { operationId, hostId } = state;
    let result: SwitchoverResult;
    try {
      result = await this.agents.executeSwitchover(hostId, operationId, epoch);
    } catch (error) {
      if (!(error instanceof HostAgentUnavailableError)) {
        this.logger.error(`switch-over of operation ${operationId} failed: ${String(error)}`);
        return this.finisher.finish(operationId, { outcome: 'failed', cause: causeOf(error) }, context);
      }
      // The stun may have run (or still runs) on the host: what the agent holds decides the ending.
      this.logger.warn(`switch-over of operation ${operationId}: ${String(error)}; asking the agent how it ended`);
      const { code, message } = causeOf(error);
      await this.settler.settle(operationId, context, { code, what: message });
      return this.relocation.deleteSourceCopiesIfRelocated(state);
    }
    // Failing here (the event store unreachable) leaves the ending to what the agent holds, never to a guess.
    await this.outcome.record(operationId, result, context);
    await this.relocation.deleteSourceCopiesIfRelocated(state);
  }

  /** Before the suspend nothing of the VM changed. A cancel already told the agent to discard; any other ending before the suspend does it here. */
  private async abandon(state: OperationState, cause: OperationCause, context: CommandContext) {
    const { state: latest } = await this.aggregates.operation(state.operationId);
    if (latest.status === 'cancelled') return;
    await this.discard(state);
    if (!isTerminal(latest)) await this.finisher.finish(state.operationId, { outcome: 'failed', cause }, context);
  }

  private async discard({ hostId, operationId }: OperationState) {
    await this.agents.discardSwitchover(hostId, operationId).catch((error: unknown) => {
      this.logger.warn(`could not discard the destination of ${operationId}: ${String(error)}`);
    });
  }
}
