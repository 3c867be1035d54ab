import type { HostAgentGateway } from '@fsr/application';
import {
  CopyDisksCommand,
  DiskCopyResult,
  CreateDisksCommand,
  decodeAgentError,
  DEFAULT_QUEUE_PREFIX,
  DeleteDisksCommand,
  hostCommandsQueue,
  HostAgentJobLostError,
  HostAgentRejectedError,
  HostAgentUnavailableError,
  HostCommand,
  MemoryInspection,
  PowerOnCommand,
  PowerOnResult,
  PrepareSwitchoverCommand,
  PrepareSwitchoverResult,
  SetWorkloadCommand,
  SwitchoverResult,
  SwitchoverStatus,
} from '@fsr/contracts';
import { ConnectionOptions, Job, Queue, QueueEvents } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../async/with-timeout';
import { logQueueErrors } from './redis-outage-log';

class JobVanished extends Error {}

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
  readonly queue: Queue<HostCommand>;
  readonly events: QueueEvents;
}

type Body<C> = Omit<C, 'type'>;
const HOUR_S = 3600;
const TIMED_OUT = /timed out before finishing/;
const DEFAULT_LOST_JOB_CHECK_MS = 1000;

/** The control plane's HostAgentGateway over BullMQ: one job per command on the host's commands queue. */
export class BullMqHostAgentGateway implements HostAgentGateway {
  private readonly channels = new Map<string, Promise<HostChannel>>();
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: BullMqHostAgentGatewayOptions) {
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  powerOn(hostId: string, command: Body<PowerOnCommand>): Promise<PowerOnResult> {
    return this.send(hostId, { type: 'vm.power-on', ...command });
  }
  async powerOff(hostId: string, vmId: string): Promise<void> {
    await this.send(hostId, { type: 'vm.power-off', vmId });
  }
  async createDisks(hostId: string, command: Body<CreateDisksCommand>): Promise<void> {
    await this.send(hostId, { type: 'vm.create-disks', ...command });
  }
  async deleteDisks(hostId: string, command: Body<DeleteDisksCommand>): Promise<void> {
    await this.send(hostId, { type: 'vm.delete-disks', ...command });
  }
  async setWorkload(hostId: string, command: Body<SetWorkloadCommand>): Promise<void> {
    await this.send(hostId, { type: 'vm.set-workload', ...command });
  }
  prepareSwitchover(hostId: string, command: Body<PrepareSwitchoverCommand>): Promise<PrepareSwitchoverResult> {
    return this.send(hostId, { type: 'fsr.prepare', ...command });
  }
  executeSwitchover(hostId: string, operationId: string, epoch: number): Promise<SwitchoverResult> {
    return this.send(hostId, { type: 'fsr.switch-over', operationId, epoch });
  }
  async discardSwitchover(hostId: string, operationId: string): Promise<void> {
    await this.send(hostId, { type: 'fsr.discard', operationId });
  }
  copyDisks(hostId: string, command: Body<CopyDisksCommand>, timeoutMs: number): Promise<DiskCopyResult> {
    return this.send(hostId, { type: 'storage.copy-disks', ...command }, timeoutMs);
  }
  inspectMemory(hostId: string): Promise<MemoryInspection> {
    return this.send(hostId, { type: 'host.inspect-memory' });
  }
  switchoverStatus(hostId: string, operationId: string): Promise<SwitchoverStatus> {
    return this.send(hostId, { type: 'fsr.status', operationId });
  }

  async close(): Promise<void> {
    const channels = await Promise.allSettled(this.channels.values());
    this.channels.clear();
    for (const channel of channels) {
      if (channel.status === 'fulfilled') await Promise.all([channel.value.events.close(), channel.value.queue.close()]);
    }
  }

  private async send<R>(hostId: string, command: HostCommand, timeoutMs = this.timeoutMs): Promise<R> {
    let job: Job<HostCommand>;
    let channel: HostChannel;
    try {
      channel = await this.channel(hostId);
      job = await withTimeout(
        channel.queue.add(command.type, command, {
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
    try {
      return (await Promise.race([
        job.waitUntilFinished(channel.events, timeoutMs),
        this.untilLost(channel.queue, job.id!, watch.signal),
      ])) as R;
    } catch (error) {
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
      watch.abort();
    }
  }

  /**
   * Rejects once the job is gone from Redis (a restart without persistence drops every job); settles as the
   * job ended when its event was missed (a QueueEvents reconnecting after the restart).
   */
  private async untilLost(queue: Queue<HostCommand>, jobId: string, stop: AbortSignal): Promise<unknown> {
    const every = this.options.lostJobCheckMs ?? DEFAULT_LOST_JOB_CHECK_MS;
    for (;;) {
      await sleep(every, undefined, { signal: stop }).catch(() => undefined);
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
    let channel = this.channels.get(hostId);
    if (!channel) {
      const bull = { connection: this.options.connection, prefix: this.prefix };
      const name = hostCommandsQueue(hostId);
      const events = new QueueEvents(name, bull);
      const queue = new Queue<HostCommand>(name, bull);
      logQueueErrors([events, queue], this.options.log ?? (() => undefined));
      channel = events.waitUntilReady().then(() => ({ queue, events }));
      channel.catch(() => this.channels.delete(hostId));
      this.channels.set(hostId, channel);
    }
    return channel;
  }
}
