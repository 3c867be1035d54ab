import { Inject, Injectable } from '@nestjs/common';
import { OperationCommand, OperationPhase, operationDecider } from '@fsr/domain';
import { DiskCopyResult, PhaseTiming, SwitchoverResult } from '@fsr/contracts';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { CommandContext } from '../../common/command-context';
import { decideAll } from '../../common/decide-all';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { CLOCK, Clock } from '../../ports/clock.port';

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
const completed = (timing: PhaseTiming): OperationCommand => ({
  type: 'complete-phase',
  phase: timing.phase,
  startedAt: iso(timing.startedAt),
  at: iso(timing.endedAt),
  durationMs: Math.round((timing.endedAt - timing.startedAt) * 1000) / 1000,
});

/** Records the progress of one operation on its own stream (and in its VM's and host's history). */
@Injectable()
export class SwitchoverJournal {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  startPhase(operationId: string, phase: OperationPhase, context: CommandContext) {
    return this.decide(operationId, [{ type: 'start-phase', phase, at: this.clock.now().toISOString() }], context);
  }

  completePhase(operationId: string, phase: OperationPhase, context: CommandContext) {
    return this.decide(operationId, [{ type: 'complete-phase', phase, at: this.clock.now().toISOString() }], context);
  }

  /** The destination asked of the agent under `epoch`; fails with OperationCancelledError after a cancel. */
  sendPrepare(operationId: string, epoch: number, context: CommandContext) {
    return this.decide(operationId, [{ type: 'send-prepare', epoch, at: this.clock.now().toISOString() }], context);
  }

  /** The point of no cancel; fails with OperationCancelledError when a cancel was recorded first. */
  startSwitchover(operationId: string, epoch: number, context: CommandContext) {
    return this.decide(operationId, [{ type: 'start-switchover', epoch }], context);
  }

  recordDiskCopyProgress(operationId: string, copiedBytes: number, bytesPerSecond: number, context: CommandContext) {
    return this.decide(operationId, [{ type: 'record-disk-copy-progress', copiedBytes, bytesPerSecond }], context);
  }

  recordDisksCopied(operationId: string, copied: DiskCopyResult, context: CommandContext) {
    const { bytes, durationMs, bytesPerSecond, mirroredWrites } = copied;
    return this.decide(operationId, [{ type: 'record-disks-copied', bytes, durationMs, bytesPerSecond, mirroredWrites }], context);
  }

  /** Phases the host agent timed inside and around the stun. */
  recordPhases(operationId: string, phases: readonly PhaseTiming[], context: CommandContext) {
    return this.decide(operationId, phases.map(completed), context);
  }

  /** In log order: the phases up to the transfer, each segment and the verified switch-over, then resume and clean-up. */
  recordSwitchover(operationId: string, result: Extract<SwitchoverResult, { outcome: 'switched-over' }>, context: CommandContext) {
    const transfer = result.phases.find((timing) => timing.phase === 'pframe-transfer');
    const afterStun = (timing: PhaseTiming) => timing.phase === 'resume' || timing.phase === 'cleanup';
    return this.decide(
      operationId,
      [
        ...result.phases.filter((timing) => !afterStun(timing)).map(completed),
        {
          type: 'record-switchover',
          segments: result.segments,
          suspendedAt: result.suspendedAt,
          resumedAt: result.resumedAt,
          checksum: result.checksum,
          transferMs: transfer ? transfer.endedAt - transfer.startedAt : 0,
          ...(result.disks ? { disks: result.disks } : {}),
        },
        ...result.phases.filter(afterStun).map(completed),
      ],
      context,
    );
  }

  private decide(operationId: string, commands: OperationCommand[], context: CommandContext) {
    return retryOnConflict(async () => {
      const operation = await this.aggregates.existingOperation(operationId);
      const { vmId, hostId } = operation.state;
      const events = decideAll(operationDecider, operation.state, commands);
      return this.store.append(
        [appendTo(streams.operation(operationId), operation, events, [subjects.operation(operationId), subjects.vm(vmId), subjects.host(hostId)])],
        context,
      );
    });
  }
}
