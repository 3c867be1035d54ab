import { Inject, Injectable, Logger } from '@nestjs/common';
import { isTerminal, OperationState } from '@fsr/domain';
import { DiskCopyResult } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { DiskFiles } from '../../vms/disk-files';
import { pause } from '../run-switchover/run-stop';
import { SwitchoverJournal } from '../run-switchover/switchover-journal';
import { copyTimeoutMs, movedDisks } from './moved-disks';

/** How often a copy under way looks whether its operation was ended by someone else (a host loss, say). */
const ENDED_ELSEWHERE_CHECK_MS = 1000;

/** What a relocation adds around the switch-over: the live disk copy before it, the source files' deletion after. */
@Injectable()
export class RelocationSteps {
  private readonly logger = new Logger(RelocationSteps.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  /**
   * The disks copied to the target datastore while the VM runs, mirrored from then on. Run again after a
   * restart, it continues the copy the agent still holds and records only what the log does not have yet.
   */
  async copyDisks(state: OperationState, context: CommandContext) {
    const { operationId, hostId, vmId, relocation } = state;
    const copyPhase = state.phases.find((phase) => phase.name === 'disk-copy');
    if (!copyPhase) await this.journal.startPhase(operationId, 'disk-copy', context);
    const moved = movedDisks(state);
    const [sources, targets] = await Promise.all([this.diskFiles.of(moved.map((move) => move.from)), this.diskFiles.of(moved.map((move) => move.to))]);
    const maxCopyMiBps = relocation?.maxCopyMiBps ?? null;
    const watching = new AbortController();
    const watched = this.discardOnceEndedElsewhere(state, watching.signal);
    let result: DiskCopyResult;
    try {
      result = await this.agents.copyDisks(
        hostId,
        {
          operationId,
          vmId,
          maxCopyMiBps,
          disks: sources.map((source, i) => ({ diskId: source.diskId, sizeMiB: source.sizeMiB, sourcePath: source.path, targetPath: targets[i].path })),
        },
        copyTimeoutMs(relocation?.totalBytes ?? 0, maxCopyMiBps),
      );
    } finally {
      watching.abort();
      // Ended between two looks, or just as the copy answered: the copy (and its mirrors) must not stay.
      if (!(await watched)) await this.discardIfEnded(state);
    }
    await this.journal.recordDisksCopied(operationId, result, context);
    if (!copyPhase?.endedAt) await this.journal.completePhase(operationId, 'disk-copy', context);
  }

  /**
   * An operation ended while its copy runs (its host's agent was recorded lost, though a new instance took the
   * copy up) must not leave the copy running: the agent is told to discard it, which stops it and removes its
   * partial target (never a file in use). The copy then answers refused, and the run finds the operation ended.
   * Resolves true once it discarded.
   */
  private async discardOnceEndedElsewhere(state: OperationState, stop: AbortSignal): Promise<boolean> {
    while (!stop.aborted) {
      await pause(ENDED_ELSEWHERE_CHECK_MS, stop);
      if (!stop.aborted && (await this.discardIfEnded(state))) return true;
    }
    return false;
  }

  private async discardIfEnded({ hostId, operationId }: OperationState): Promise<boolean> {
    const ended = await this.aggregates.operation(operationId).then(({ state }) => isTerminal(state)).catch(() => false);
    if (!ended) return false;
    this.logger.warn(`operation ${operationId} ended while its disks were being copied: discarding the copy on host ${hostId}`);
    await this.agents.discardSwitchover(hostId, operationId).catch((error: unknown) => {
      this.logger.warn(`could not discard the disk copy of ${operationId}: ${String(error)}`);
    });
    return true;
  }

  /** After a relocation the source datastore's files are deleted; the VM runs on the target's. */
  async deleteSourceCopies(state: OperationState) {
    const moved = movedDisks(state);
    if (moved.length === 0) return;
    const disks = await this.diskFiles.of(moved.map((move) => move.from));
    await this.agents.deleteDisks(state.hostId, { vmId: state.vmId, disks }).catch((error: unknown) => {
      this.logger.warn(`relocated ${state.vmId}; its source files stay until deleted by hand: ${String(error)}`);
    });
  }

  /** For an operation however it ended: only a relocation that succeeded leaves source files to delete. */
  async deleteSourceCopiesIfRelocated(state: OperationState) {
    if (!state.relocation) return;
    const { state: ended } = await this.aggregates.operation(state.operationId);
    if (ended.status === 'succeeded') await this.deleteSourceCopies(state);
  }
}
