import { Inject, Injectable, Logger } from '@nestjs/common';
import { isTerminal, ExistingOperation } from '@fsr/domain';
import { DiskCopyStatus, HostAgentBadAnswerError, HostAgentUnavailableError, TIMEOUTS } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { CLOCK, Clock } from '../../ports/clock.port';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { DiskFiles } from '../../vms/disk-files';
import { pause, RunStopped } from '../run-switchover/run-stop';
import { SwitchoverJournal } from '../run-switchover/switchover-journal';
import { DiskCopyStalledError } from './disk-copy-stalled.error';
import { movedDisks } from './moved-disks';

/** How often the driver asks the agent where a copy is; the agent's progress reports reach the log meanwhile. */
export const COPY_STATUS_POLL_MS = 1000;

/** No answer to one ask (the job vanished, Redis was away): ask again. A bad answer is not that. */
const unansweredAsNull = (error: unknown): null => {
  if (error instanceof HostAgentUnavailableError && !(error instanceof HostAgentBadAnswerError)) return null;
  throw error;
};

/** What a relocation adds around the switch-over: the live disk copy before it, the source files' deletion after. */
@Injectable()
export class RelocationSteps {
  private readonly logger = new Logger(RelocationSteps.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The disks copied to the target datastore while the VM runs, mirrored from then on. The agent copies in
   * the background and holds the cursor; this asks it to start, then where the copy is, until it is copied.
   * An ask that gets no answer (Redis restarting, say) is asked again: the copy goes on meanwhile, and a host
   * that is really gone is recorded lost, which ends the operation. A copy whose bytes do not move for
   * TIMEOUTS.diskCopyStallMs, answered or not, ends it too (DISK_COPY_STALLED).
   * Run again after a restart or by another replica, it finds the copy the agent still holds. An operation
   * ended meanwhile by someone else (a cancel, its host recorded lost while a new agent instance took the
   * copy up) has its copy discarded, and the run, reading the log again, finds it ended.
   */
  async copyDisks(state: ExistingOperation, context: CommandContext, stop: AbortSignal) {
    const { operationId, hostId, vmId, relocation } = state;
    const copyPhase = state.phases.find((phase) => phase.name === 'disk-copy');
    if (!copyPhase) await this.journal.startPhase(operationId, 'disk-copy', context);
    const moved = movedDisks(state);
    const [sources, targets] = await Promise.all([this.diskFiles.of(moved.map((move) => move.from)), this.diskFiles.of(moved.map((move) => move.to))]);
    const command = {
      operationId,
      vmId,
      maxCopyMiBps: relocation?.maxCopyMiBps ?? null,
      disks: sources.map((source, i) => ({ diskId: source.diskId, sizeMiB: source.sizeMiB, sourcePath: source.path, targetPath: targets[i].path })),
    };
    let status: DiskCopyStatus | null;
    let [movedBytes, movedAt] = [-1, this.clock.now().getTime()];
    for (;;) {
      status = await this.agents.copyDisks(hostId, command).catch(unansweredAsNull);
      if (status?.state === 'copied') break;
      const now = this.clock.now().getTime();
      // Any change counts as movement: a copy begun afresh (a new agent instance) goes back to 0 and moves on.
      if (status && status.copiedBytes !== movedBytes) [movedBytes, movedAt] = [status.copiedBytes, now];
      else if (now - movedAt >= TIMEOUTS.diskCopyStallMs) throw new DiskCopyStalledError(hostId, operationId, Math.max(0, movedBytes), now - movedAt);
      await pause(COPY_STATUS_POLL_MS, stop);
      if (stop.aborted) throw new RunStopped();
      // The run reads the log again and finds the operation ended.
      if (await this.discardIfEnded(state)) return;
    }
    try {
      await this.journal.recordDisksCopied(operationId, status.result, context);
    } catch (error) {
      // Ended just as the copy converged: its mirrors must not stay.
      await this.discardIfEnded(state);
      throw error;
    }
    if (!copyPhase?.endedAt) await this.journal.completePhase(operationId, 'disk-copy', context);
  }

  private async discardIfEnded({ hostId, operationId }: ExistingOperation): Promise<boolean> {
    const ended = await this.aggregates.operation(operationId).then(({ state }) => state.exists && isTerminal(state)).catch(() => false);
    if (!ended) return false;
    this.logger.warn(`operation ${operationId} ended while its disks were being copied: discarding the copy on host ${hostId}`);
    await this.agents.discardSwitchover(hostId, operationId).catch((error: unknown) => {
      this.logger.warn(`could not discard the disk copy of ${operationId}: ${String(error)}`);
    });
    return true;
  }

  /** After a relocation the source datastore's files are deleted; the VM runs on the target's. */
  async deleteSourceCopies(state: ExistingOperation) {
    const moved = movedDisks(state);
    if (moved.length === 0) return;
    const disks = await this.diskFiles.of(moved.map((move) => move.from));
    await this.agents.deleteDisks(state.hostId, { vmId: state.vmId, disks }).catch((error: unknown) => {
      this.logger.warn(`relocated ${state.vmId}; its source files stay until deleted by hand: ${String(error)}`);
    });
  }

  /** For an operation however it ended: only a relocation that succeeded leaves source files to delete. */
  async deleteSourceCopiesIfRelocated(state: ExistingOperation) {
    if (!state.relocation) return;
    const { state: ended } = await this.aggregates.operation(state.operationId);
    if (ended.exists && ended.status === 'succeeded') await this.deleteSourceCopies(state);
  }
}
