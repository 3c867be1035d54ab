import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  isTerminal,
  nextSwitchoverStep,
  OperationAlreadyEndedError,
  OperationCancelledError,
  OperationCause,
  OperationEpochUsedError,
  ExistingOperation,
  RunKnowledge,
  SwitchoverStep,
} from '@fsr/domain';
import { HostAgentJobLostError, HostAgentRejectedError, HostAgentUnavailableError, SwitchoverResult } from '@fsr/contracts';
import { Aggregates } from '../../common/aggregates';
import { CommandContext } from '../../common/command-context';
import { StoreOutage, whenStoreAnswers } from '../../common/when-store-answers';
import { EventStoreUnavailableError } from '../../ports/event-store.port';
import { HeldLease, LeaseLostError, WORK_LEASES, WorkLeases } from '../../ports/work-leases.port';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { READ_MODEL_CATCH_UP, ReadModelCatchUp } from '../../ports/read-model-catch-up.port';
import { DiskFiles } from '../../vms/disk-files';
import { OperationFinisher } from '../operation-finisher';
import { RelocationSteps } from '../relocate/relocation-steps';
import { AgentInquiry } from './agent-inquiry';
import { causeOf } from './cause-of';
import { pause, RunStopped, unlessStopped } from './run-stop';
import { SwitchoverJournal } from './switchover-journal';
import { SwitchoverOutcome } from './switchover-outcome';

const AGENT_BUSY_POLL_MS = 200;
const MAX_PREPARES_PER_RUN = 3;
const MAX_RETRY_DELAY_MS = 30_000;
/** The longest the handover waits for this replica's own projection before the stun is sent anyway. */
const HANDOVER_SETTLE_MAX_MS = 1_000;

/** The agent refused a step before the suspend: the operation ends failed with its cause. */
class Abandon extends Error {
  constructor(override readonly cause: OperationCause) {
    super(cause.message);
  }
}

/** What a step did beside what it learned: whether it may have ended the operation. */
type Outcome = { readonly known: RunKnowledge; readonly mayHaveEnded: boolean };

/**
 * Drives one operation to its end as a process (nextSwitchoverStep decides, this executes and records):
 * the run that started it and a run that took it over after a crash are the same code, continuing from
 * the log. What the agent answers is recorded; what it could not answer is asked again (AgentInquiry).
 * One run at a time holds the operation's lease, and every append it makes is fenced by it.
 */
@Injectable()
export class SwitchoverRunner {
  private readonly logger = new Logger(SwitchoverRunner.name);
  private readonly running = new Map<string, HeldLease | null>();
  private readonly runs = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly aggregates: Aggregates,
    private readonly journal: SwitchoverJournal,
    private readonly finisher: OperationFinisher,
    private readonly outcome: SwitchoverOutcome,
    private readonly inquiry: AgentInquiry,
    private readonly relocation: RelocationSteps,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
    @Inject(READ_MODEL_CATCH_UP) private readonly readModels: ReadModelCatchUp,
  ) {
    setMaxListeners(0, this.stopping.signal);
  }

  /** Drives the operation if no other run holds it (here or on another replica); returns when it ended or the lease was lost. */
  run(operationId: string, context: CommandContext): Promise<void> {
    if (this.running.has(operationId) || this.stopping.signal.aborted) return Promise.resolve();
    this.running.set(operationId, null);
    const run = this.runHeld(operationId, context).finally(() => {
      this.running.delete(operationId);
      this.runs.delete(run);
    });
    this.runs.add(run);
    return run;
  }

  private async runHeld(operationId: string, context: CommandContext): Promise<void> {
    const lease = await whenStoreAnswers(() => this.leases.acquire(`operation:${operationId}`), this.stopping.signal).catch(stoppedAsNull);
    if (!lease) return;
    this.running.set(operationId, lease);
    try {
      await this.drive(operationId, { ...context, fence: lease.fence }, lease);
    } catch (error) {
      if (error instanceof RunStopped) return;
      if (!(error instanceof LeaseLostError)) throw error;
      this.logger.warn(`operation ${operationId}: another replica took it over; this one stops driving it`);
    } finally {
      await lease.release();
    }
  }

  /** The operations this replica drives now. */
  get driving(): ReadonlySet<string> {
    return new Set(this.running.keys());
  }

  /**
   * On shutdown: every run stops where it is and gives up its lease, so another replica takes the operation
   * over at once. A call to an agent still waited on is left to end by itself (its late appends are fenced).
   */
  async stop(): Promise<void> {
    this.stopping.abort(new RunStopped());
    await Promise.allSettled(this.runs);
  }

  private async drive(operationId: string, context: CommandContext, lease: HeldLease): Promise<void> {
    let known: RunKnowledge = {};
    let endedHere = false;
    let prepares = 0;
    let failures = 0;
    const outage = new StoreOutage();
    const stop = this.stopping.signal;
    while (!lease.lost && !stop.aborted) {
      const { state } = await whenStoreAnswers(() => this.aggregates.operation(operationId), stop);
      const step = nextSwitchoverStep(state, known);
      // Only the run that ended a relocation deletes its source files: a run started late on an ended one must not.
      if (step.type === 'done' || !state.exists) return endedHere && state.exists ? this.relocation.deleteSourceCopiesIfRelocated(state) : undefined;
      if (step.type === 'prepare' && ++prepares > MAX_PREPARES_PER_RUN) {
        await this.abandon(state, { code: 'AGENT_PREPARE_LOST', message: `the destination was asked ${MAX_PREPARES_PER_RUN} times and never held` }, context);
        continue;
      }
      try {
        const done = await unlessStopped(this.perform(step, state, known, context), stop);
        known = done.known;
        endedHere ||= done.mayHaveEnded;
        outage.reset();
        failures = 0;
      } catch (error) {
        if (error instanceof Abandon) await whenStoreAnswers(() => this.abandon(state, error.cause, context), stop);
        // The step's record may or may not have been taken: the log, read again, says where the process is.
        else if (error instanceof EventStoreUnavailableError) await outage.wait(error, stop);
        else if (error instanceof LeaseLostError || error instanceof RunStopped) throw error;
        else if (!raced(error)) await this.retryLater(operationId, error, ++failures);
      }
    }
  }

  private async perform(step: SwitchoverStep, state: ExistingOperation, known: RunKnowledge, context: CommandContext): Promise<Outcome> {
    const { operationId } = state;
    const learned = (next: RunKnowledge, mayHaveEnded = false): Outcome => ({ known: next, mayHaveEnded });
    switch (step.type) {
      case 'copy-disks':
        await this.agentStep(() => this.relocation.copyDisks(state, context, this.stopping.signal), 'retry-lost-job');
        return learned(known);
      case 'finish-cold':
      case 'finish':
        await this.finisher.finish(operationId, { outcome: 'succeeded' }, context);
        return learned(known, true);
      case 'prepare':
        return learned(await this.prepare(state, step.epoch, context));
      case 'start-switchover':
        try {
          await this.journal.startSwitchover(operationId, step.epoch, context);
          await this.settleBeforeTheStun();
          return learned({ handedOver: step.epoch });
        } catch (error) {
          if (!(error instanceof OperationCancelledError)) throw error;
          await this.discard(state, step.epoch);
          return learned({});
        }
      case 'execute':
        return learned(await this.execute(state, step.epoch, context), true);
      case 'wait-for-agent':
        await pause(AGENT_BUSY_POLL_MS, this.stopping.signal);
        return learned({ agent: (await this.inquiry.ask(state, context, this.stopping.signal)) ?? undefined }, true);
      case 'ask-agent':
        return learned({ agent: (await this.inquiry.ask(state, context, this.stopping.signal)) ?? undefined }, true);
      case 'fail':
        await this.finisher.finish(operationId, { outcome: 'failed', cause: { code: step.code, message: step.reason } }, context);
        return learned(known, true);
      case 'done':
        return learned(known);
      default: {
        const _unhandled: never = step;
        return _unhandled;
      }
    }
  }

  /** Everything the host can do before the suspend: added disks, the destination, armed segment jobs. */
  private async prepare(state: ExistingOperation, epoch: number, context: CommandContext): Promise<RunKnowledge> {
    const { operationId, hostId, vmId, mode, target, source, segments } = state;
    await this.journal.sendPrepare(operationId, epoch, context);
    const sourceDisks = new Set(source.disks.map((disk) => disk.diskId));
    const addedDisks = target.disks.filter((disk) => !sourceDisks.has(disk.diskId));
    const prepared = await this.agentStep(async () => {
      if (addedDisks.length > 0) await this.agents.createDisks(hostId, { vmId, disks: await this.diskFiles.of(addedDisks) });
      const targetDisks = state.relocation ? { targetDisks: await this.diskFiles.of(target.disks) } : {};
      await this.agents.prepareSwitchover(hostId, { operationId, epoch, vmId, mode, targetVcpus: target.vcpus, targetMemoryMiB: target.memoryMiB, segments: [...segments], ...targetDisks });
      return true;
    });
    if (!prepared) return {};
    await this.journal.completePhase(operationId, 'prepare', context);
    return { prepared: epoch };
  }

  /**
   * The stun is sent once this replica has projected the handover it just recorded: on a machine it shares with
   * the host agent (one node, a small cluster), that work and its garbage would otherwise take cores from the
   * copy threads inside the stun (measured: docs/benchmarks-analysis.md). Bounded, and never an error: a stun
   * is not held back by read models.
   */
  private async settleBeforeTheStun(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((done) => (timer = setTimeout(done, HANDOVER_SETTLE_MAX_MS)));
    await Promise.race([this.readModels.catchUp().catch(() => undefined), bound]);
    clearTimeout(timer);
  }

  private async execute(state: ExistingOperation, epoch: number, context: CommandContext): Promise<RunKnowledge> {
    let result: SwitchoverResult;
    try {
      result = await this.agents.executeSwitchover(state.hostId, state.operationId, epoch);
    } catch (error) {
      if (error instanceof HostAgentRejectedError) {
        // A refusal may come from an agent that ran the stun under a job Redis has since lost: its word decides.
        if ((await this.inquiry.ask(state, context, this.stopping.signal)) !== null) await this.finisher.finish(state.operationId, { outcome: 'failed', cause: causeOf(error) }, context);
        return {};
      }
      if (!(error instanceof HostAgentUnavailableError)) throw error;
      if (this.stopping.signal.aborted) throw new RunStopped();
      // The stun may have run, or still runs, on the host: only the agent can say how it ends.
      this.logger.warn(`switch-over of operation ${state.operationId}: ${String(error)}; asking the agent how it ended`);
      return { agent: (await this.inquiry.ask(state, context, this.stopping.signal)) ?? undefined };
    }
    try {
      await this.outcome.record(state.operationId, result, context);
    } catch (error) {
      if (!(error instanceof DomainError) || raced(error)) throw error;
      // The agent's report does not hold up (a segment missing, a checksum that does not add up): recorded, not retried.
      await this.finisher.finish(state.operationId, { outcome: 'failed', cause: causeOf(error) }, context);
    }
    return {};
  }

  /**
   * A step on the agent: a refusal abandons the operation; a lost job (or, before the suspend, no answer in
   * time) leaves the run to send it again or to ask what the agent holds (false). Anything else is not the
   * agent's word and goes on up.
   */
  private async agentStep<T>(work: () => Promise<T>, lost: 'retry-lost-job' | 'ask' = 'ask'): Promise<T | false> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HostAgentRejectedError) throw new Abandon(causeOf(error));
      if (error instanceof HostAgentJobLostError) return false;
      if (error instanceof HostAgentUnavailableError) {
        if (lost === 'retry-lost-job') throw new Abandon(causeOf(error));
        return false;
      }
      throw error;
    }
  }

  /** Before the suspend nothing of the VM changed: the ending is recorded (as the lease's holder), then the agent discards. */
  private async abandon(state: ExistingOperation, cause: OperationCause, context: CommandContext) {
    const { state: latest } = await this.aggregates.operation(state.operationId);
    if (!latest.exists || isTerminal(latest)) return;
    try {
      await this.finisher.finish(state.operationId, { outcome: 'failed', cause }, context);
    } catch (error) {
      if (raced(error)) return;
      throw error;
    }
    await this.discard(state);
  }

  private async discard({ hostId, operationId }: ExistingOperation, epoch?: number) {
    await this.agents.discardSwitchover(hostId, operationId, epoch).catch((error: unknown) => {
      this.logger.warn(`could not discard the destination of ${operationId}: ${String(error)}`);
    });
  }

  /** An error nobody foresaw: logged, then the step is decided again after a wait that grows (every operation must end). */
  private async retryLater(operationId: string, error: unknown, failures: number): Promise<void> {
    const delay = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** Math.min(failures, 7));
    this.logger.error(`operation ${operationId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}; trying again in ${delay} ms`);
    await pause(delay, this.stopping.signal);
  }
}

/** Another run or a cancel moved the operation on meanwhile: the log, read again, decides. */
const raced = (error: unknown): boolean =>
  error instanceof OperationCancelledError || error instanceof OperationAlreadyEndedError || error instanceof OperationEpochUsedError;

/** A lease not acquired because this replica is stopping is a lease not held. */
const stoppedAsNull = (error: unknown): null => {
  if (error instanceof RunStopped) return null;
  throw error;
};
