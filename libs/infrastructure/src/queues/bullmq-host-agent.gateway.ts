import type { HostAgentGateway } from '@fsr/application';
import {
  CopyDisksCommand,
  DiskCopyStatus,
  CreateDisksCommand,
  decodeAgentError,
  DEFAULT_QUEUE_PREFIX,
  DeleteDisksCommand,
  describeProblems,
  hostCommandsQueue,
  HostAgentBadAnswerError,
  HostAgentJobLostError,
  HostAgentRejectedError,
  HostAgentUnavailableError,
  HostCommandOf,
  HostCommandResult,
  HostCommandType,
  MemoryInspection,
  resultSchemaOf,
  PowerOnCommand,
  PowerOnResult,
  PrepareSwitchoverCommand,
  PrepareSwitchoverResult,
  SetWorkloadCommand,
  SwitchoverResult,
  SwitchoverStatus,
  TIMEOUTS,
  bullOptionsFor,
} from '@fsr/contracts';
import { logQueueErrors, withTimeout } from '@fsr/redis-plumbing';
import { ConnectionOptions, Job, Queue, QueueEvents } from 'bullmq';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

class JobVanished extends Error {}
class GatewayClosed extends Error {
  constructor() {
    super('the control plane is stopping');
  }
}

export interface BullMqHostAgentGatewayOptions {
  /** Connection options (not a shared client: each QueueEvents needs its own blocking connection). */
  readonly connection: ConnectionOptions;
  readonly prefix?: string;
  /** How long a command may wait for its agent's answer before the host counts as unavailable. */
  readonly timeoutMs?: number;
  /** How often a waiting command checks that its job still exists in Redis. */
  readonly lostJobCheckMs?: number;
  readonly log?: (message: string) => void;
}

interface HostChannel {
  readonly queue: Queue<object>;
  readonly events: QueueEvents;
}

type Body<C> = Omit<C, 'type'>;
const HOUR_S = 3600;
const TIMED_OUT = /timed out before finishing/;
const DEFAULT_LOST_JOB_CHECK_MS = 1000;

const switchoverJobId = (operationId: string, epoch: number) => `${operationId}.e${epoch}.switch-over`;

/** The control plane's HostAgentGateway over BullMQ: one job per command on the host's commands queue. */
export class BullMqHostAgentGateway implements HostAgentGateway {
  private readonly channels = new Map<string, Promise<HostChannel>>();
  private readonly prefix: string;
  private readonly timeoutMs: number;
  /** Aborted on close: a command still waited on then ends as unavailable, at once, instead of at its timeout. */
  private readonly closing = new AbortController();

  constructor(private readonly options: BullMqHostAgentGatewayOptions) {
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.timeoutMs = options.timeoutMs ?? TIMEOUTS.hostAgentAnswerMs;
    setMaxListeners(0, this.closing.signal);
  }

  powerOn(hostId: string, command: Body<PowerOnCommand>): Promise<PowerOnResult> {
    return this.send(hostId, 'vm.power-on', command);
  }
  async powerOff(hostId: string, vmId: string): Promise<void> {
    await this.send(hostId, 'vm.power-off', { vmId });
  }
  async createDisks(hostId: string, command: Body<CreateDisksCommand>): Promise<void> {
    await this.send(hostId, 'vm.create-disks', command);
  }
  async deleteDisks(hostId: string, command: Body<DeleteDisksCommand>): Promise<void> {
    await this.send(hostId, 'vm.delete-disks', command);
  }
  async setWorkload(hostId: string, command: Body<SetWorkloadCommand>): Promise<void> {
    await this.send(hostId, 'vm.set-workload', command);
  }
  prepareSwitchover(hostId: string, command: Body<PrepareSwitchoverCommand>): Promise<PrepareSwitchoverResult> {
    return this.send(hostId, 'fsr.prepare', command);
  }
  /** One job per operation and epoch: a run that sends it again (after a takeover) waits on the same stun. */
  executeSwitchover(hostId: string, operationId: string, epoch: number): Promise<SwitchoverResult> {
    return this.send(hostId, 'fsr.switch-over', { operationId, epoch }, this.timeoutMs, switchoverJobId(operationId, epoch));
  }
  async finishedSwitchover(hostId: string, operationId: string, epoch: number): Promise<SwitchoverResult | null> {
    const job = await Job.fromId<object, unknown>((await this.channel(hostId)).queue, switchoverJobId(operationId, epoch));
    return job?.finishedOn && !job.failedReason ? readAnswer(hostId, 'fsr.switch-over', job.returnvalue) : null;
  }
  async discardSwitchover(hostId: string, operationId: string, epoch?: number): Promise<void> {
    await this.send(hostId, 'fsr.discard', { operationId, ...(epoch === undefined ? {} : { epoch }) });
  }
  copyDisks(hostId: string, command: Body<CopyDisksCommand>): Promise<DiskCopyStatus> {
    return this.send(hostId, 'storage.copy-disks', command);
  }
  inspectMemory(hostId: string): Promise<MemoryInspection> {
    return this.send(hostId, 'host.inspect-memory', {});
  }
  switchoverStatus(hostId: string, operationId: string): Promise<SwitchoverStatus> {
    return this.send(hostId, 'fsr.status', { operationId });
  }

  async close(): Promise<void> {
    this.closing.abort();
    const channels = await Promise.allSettled(this.channels.values());
    this.channels.clear();
    for (const channel of channels) {
      if (channel.status === 'fulfilled') await Promise.all([channel.value.events.close(), channel.value.queue.close()]);
    }
  }

  private async send<T extends HostCommandType>(
    hostId: string,
    type: T,
    body: Omit<HostCommandOf<T>, 'type'>,
    timeoutMs = this.timeoutMs,
    jobId?: string,
  ): Promise<HostCommandResult<T>> {
    const command = { ...body, type };
    let job: Job<object>;
    let channel: HostChannel;
    try {
      channel = await this.channel(hostId);
      job = await withTimeout(
        channel.queue.add(command.type, command, {
          ...(jobId ? { jobId } : {}),
          attempts: 1,
          removeOnComplete: { age: HOUR_S },
          removeOnFail: { age: 24 * HOUR_S },
        }),
        timeoutMs,
        `Redis did not take the job within ${timeoutMs} ms`,
      );
    } catch (error) {
      throw new HostAgentUnavailableError(hostId, `cannot queue ${command.type}: ${(error as Error).message}`);
    }
    const watch = new AbortController();
    const stopWatching = () => watch.abort();
    this.closing.signal.addEventListener('abort', stopWatching, { once: true });
    let answer: unknown;
    try {
      answer = await Promise.race([job.waitUntilFinished(channel.events, timeoutMs), this.untilLost(channel.queue, job.id!, watch.signal)]);
    } catch (error) {
      if (error instanceof GatewayClosed) throw new HostAgentUnavailableError(hostId, `no answer to ${command.type}: ${error.message}`);
      if (error instanceof JobVanished) throw new HostAgentJobLostError(hostId, command.type);
      const message = (error as Error).message;
      const state = await job.getState().catch(() => 'unknown');
      if (state !== 'failed' || TIMED_OUT.test(message)) {
        // A command nobody picked up must not run later, when the caller has given up on it.
        if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await job.remove().catch(() => undefined);
        throw new HostAgentUnavailableError(hostId, `no answer to ${command.type} within ${timeoutMs} ms`);
      }
      const { code, message: reason } = decodeAgentError(message);
      throw new HostAgentRejectedError(hostId, code, reason);
    } finally {
      this.closing.signal.removeEventListener('abort', stopWatching);
      watch.abort();
    }
    return readAnswer(hostId, type, answer);
  }

  /**
   * Rejects once the job is gone from Redis (a restart without persistence drops every job); settles as the
   * job ended when its event was missed (a QueueEvents reconnecting after the restart).
   */
  private async untilLost(queue: Queue<object>, jobId: string, stop: AbortSignal): Promise<unknown> {
    const every = this.options.lostJobCheckMs ?? DEFAULT_LOST_JOB_CHECK_MS;
    for (;;) {
      await sleep(every, undefined, { signal: stop }).catch(() => undefined);
      if (this.closing.signal.aborted) throw new GatewayClosed();
      if (stop.aborted) return undefined;
      const job = await Job.fromId(queue, jobId).catch(() => 'unreachable' as const);
      if (stop.aborted || job === 'unreachable') continue;
      if (!job) throw new JobVanished();
      if (!job.finishedOn) continue;
      if (job.failedReason) throw new Error(job.failedReason);
      return job.returnvalue;
    }
  }

  private channel(hostId: string): Promise<HostChannel> {
    if (this.closing.signal.aborted) return Promise.reject(new GatewayClosed());
    let channel = this.channels.get(hostId);
    if (!channel) {
      const name = hostCommandsQueue(hostId);
      const bull = bullOptionsFor(name, { connection: this.options.connection, prefix: this.prefix });
      const events = new QueueEvents(name, bull);
      const queue = new Queue<object>(name, bull);
      logQueueErrors([events, queue], this.options.log ?? (() => undefined));
      channel = events.waitUntilReady().then(() => ({ queue, events }));
      channel.catch(() => this.channels.delete(hostId));
      this.channels.set(hostId, channel);
    }
    return channel;
  }
}

/** The agent's answer as its command's schema reads it; anything else is a bad answer, as unknown as none. */
function readAnswer<T extends HostCommandType>(hostId: string, type: T, answer: unknown): HostCommandResult<T> {
  const read = resultSchemaOf(type).safeParse(answer ?? null);
  if (!read.success) throw new HostAgentBadAnswerError(hostId, type, describeProblems(read.error));
  return read.data;
}
