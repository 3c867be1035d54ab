import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OperationCancelledError, OperationCause, OperationState, isTerminal } from '@fsr/domain';
import { HostAgentJobLostError, isAnswerUnknown, SegmentFaultInjection, SwitchoverResult } from '@fsr/contracts';
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
import { copyTimeoutMs, movedDisks } from '../relocate/moved-disks';
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
      if (state.relocation) await this.copyDisks(state, context);
      if (state.relocation?.cold) return await this.finishColdRelocation(state, context);
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
    await this.deleteSourceCopiesIfRelocated((await this.aggregates.operation(operationId)).state);
  }

  /** Relocations: the disks copied to the target datastore while the VM runs, mirrored from then on. */
  private async copyDisks(state: OperationState, context: CommandContext) {
    const { operationId, hostId, vmId, relocation } = state;
    await this.journal.startPhase(operationId, 'disk-copy', context);
    const moved = movedDisks(state);
    const [sources, targets] = await Promise.all([this.diskFiles.of(moved.map((move) => move.from)), this.diskFiles.of(moved.map((move) => move.to))]);
    const maxCopyMiBps = relocation?.maxCopyMiBps ?? null;
    const result = await this.agents.copyDisks(
      hostId,
      {
        operationId,
        vmId,
        maxCopyMiBps,
        disks: sources.map((source, i) => ({ diskId: source.diskId, sizeMiB: source.sizeMiB, sourcePath: source.path, targetPath: targets[i].path })),
      },
      copyTimeoutMs(relocation?.totalBytes ?? 0, maxCopyMiBps),
    );
    await this.journal.recordDisksCopied(operationId, result, context);
    await this.journal.completePhase(operationId, 'disk-copy', context);
  }

  private async finishColdRelocation(state: OperationState, context: CommandContext) {
    await this.finisher.finish(state.operationId, { outcome: 'succeeded' }, context);
    await this.deleteSourceCopies(state);
  }

  /** After a relocation the source datastore's files are deleted; the VM runs on the target's. */
  private async deleteSourceCopies(state: OperationState) {
    const moved = movedDisks(state);
    if (moved.length === 0) return;
    const disks = await this.diskFiles.of(moved.map((move) => move.from));
    await this.agents.deleteDisks(state.hostId, { vmId: state.vmId, disks }).catch((error: unknown) => {
      this.logger.warn(`relocated ${state.vmId}; its source files stay until deleted by hand: ${String(error)}`);
    });
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
      if (!isAnswerUnknown(error)) {
        this.logger.error(`switch-over of operation ${operationId} failed: ${String(error)}`);
        return this.finisher.finish(operationId, { outcome: 'failed', cause: causeOf(error) }, context);
      }
      // The stun may have run (or still runs) on the host: what the agent holds decides the ending.
      this.logger.warn(`switch-over of operation ${operationId}: ${String(error)}; asking the agent how it ended`);
      const { code, message } = causeOf(error);
      await this.settler.settle(operationId, context, { code, what: message });
      return this.deleteSourceCopiesIfRelocated(state);
    }
    // Failing here (the event store unreachable) leaves the ending to what the agent holds, never to a guess.
    await this.outcome.record(operationId, result, context);
    await this.deleteSourceCopiesIfRelocated(state);
  }

  private async deleteSourceCopiesIfRelocated(state: OperationState) {
    if (!state.relocation) return;
    const { operationId } = state;
    const { state: ended } = await this.aggregates.operation(operationId);
    if (ended.status === 'succeeded') await this.deleteSourceCopies(state);
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
