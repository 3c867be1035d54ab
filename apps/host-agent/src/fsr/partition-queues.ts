import { randomUUID } from 'node:crypto';
import { BackendFactory, createRedisBackend, Job, JobsOptions, Queue, RedisQueueBackend, UnrecoverableError, Worker } from 'bullmq';
import { bullOptionsFor, pframePartitionQueue, SegmentJobData } from '@fsr/contracts';
import { logQueueErrors, RedisClient } from '@fsr/redis-plumbing';
import { PartitionWatch } from './partition-watch';

/** How often held (armed) jobs have their locks extended; a lock lasts three times as long. */
const LOCK_RENEW_MS = 10_000;
const LOCK_DURATION_MS = 3 * LOCK_RENEW_MS;
/** A fetch or a settle that Redis refused is tried again after this, until the partitions close. */
const RETRY_MS = 1000;
const SETTLE_ATTEMPTS = 5;
/** How long a close waits for the jobs still running (a stun finishing) before it closes the workers. */
const CLOSE_WAIT_MS = 30_000;

export interface BullOptions {
  readonly connection: RedisClient;
  readonly prefix: string;
}

export type SegmentJobProcessor = (job: Job<unknown>) => Promise<unknown>;

/** A partition's worker takes no connection of its own: it never blocks, the agent fetches for it. */
const nonBlocking: BackendFactory<RedisQueueBackend> = (name, opts) => createRedisBackend(name, opts, { withBlockingConnection: false });

interface Partition {
  readonly queue: Queue<SegmentJobData>;
  readonly worker: Worker<SegmentJobData>;
  /** Job id to the token it is held with. */
  readonly held: Map<string, string>;
}

/**
 * The host's PFrame partition queues, one per vCPU segment, created when a plan first needs them, then kept.
 * All of them share the agent's one Redis connection, whatever the vCPU count: a BullMQ worker per
 * partition would hold a blocking connection each. Jobs are fetched without blocking when the agent
 * queues them, when one is retried, and when the partition watch sees one arrive from elsewhere.
 */
export class PartitionQueues {
  private readonly partitions: Partition[] = [];
  private readonly watch: PartitionWatch;
  private readonly renewal: NodeJS.Timeout;
  private readonly running = new Set<Promise<void>>();
  private renewing = false;
  private closing = false;

  constructor(
    private readonly hostId: string,
    private readonly bull: BullOptions,
    private readonly processor: SegmentJobProcessor,
    private readonly log: (message: string) => void,
  ) {
    this.watch = new PartitionWatch(bull.connection, (partition) => this.drain(partition), log);
    this.renewal = setInterval(() => void this.renewLocks(), LOCK_RENEW_MS).unref();
  }

  get count(): number {
    return this.partitions.length;
  }

  async add(partition: number, data: SegmentJobData, options: JobsOptions): Promise<Job<SegmentJobData>> {
    this.ensure(partition + 1);
    return this.partitions[partition].queue.add('pframe.segment', data, options);
  }

  /** Takes every job waiting on these partitions and runs each. */
  drain(partition: number): void {
    const target = this.partitions[partition] as Partition | undefined;
    if (!target || this.closing) return;
    void this.fetchAll(target).catch((error: Error) => {
      // A job left waiting would hold its switch-over's prepare until its time runs out: try again.
      this.log(`partition ${partition}: could not fetch its jobs (${error.message}); trying again`);
      setTimeout(() => this.drain(partition), RETRY_MS).unref();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.renewal);
    await this.watch.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((done) => (timer = setTimeout(done, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    await Promise.all(this.partitions.map(({ worker }) => worker.close()));
    await Promise.all(this.partitions.map(({ queue }) => queue.close()));
  }

  private ensure(partitions: number): void {
    for (let index = this.partitions.length; index < partitions; index++) {
      const name = pframePartitionQueue(this.hostId, index);
      const bull = bullOptionsFor(name, this.bull);
      const queue = new Queue<SegmentJobData>(name, bull);
      const worker = new Worker<SegmentJobData>(name, undefined, { ...bull, lockDuration: LOCK_DURATION_MS }, nonBlocking);
      logQueueErrors([queue, worker], this.log);
      // An earlier agent's jobs left active go back to waiting, where the next fetch fails them as unknown.
      void worker.startStalledCheckTimer().catch((error: Error) => this.log(`partition ${index}: stalled check: ${error.message}`));
      this.partitions.push({ queue, worker, held: new Map() });
      this.watch.add(index, queue.keys.events);
    }
  }

  private async fetchAll(partition: Partition): Promise<void> {
    for (;;) {
      const token = randomUUID();
      const job = await partition.worker.getNextJob(token, { block: false });
      if (!job?.id) return;
      // Given back by the stalled check while this process still runs it (its lock lapsed in an outage): the run
      // going on keeps it, under the lock just taken.
      const running = partition.held.has(job.id);
      partition.held.set(job.id, token);
      if (running) continue;
      const run = this.run(partition, job, token).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  private async run(partition: Partition, job: Job<SegmentJobData>, fetchedWith: string): Promise<void> {
    const index = this.partitions.indexOf(partition);
    const id = job.id ?? '';
    const token = () => partition.held.get(id) ?? fetchedWith;
    try {
      // Stalled more often than allowed: BullMQ asks for it to fail, not to run.
      const result = await (job.deferredFailure ? Promise.reject(new UnrecoverableError(job.deferredFailure)) : this.processor(job)).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
      );
      if ('value' in result) {
        await this.settle(() => job.moveToCompleted(result.value, token(), false));
        return;
      }
      await this.settle(() => job.moveToFailed(result.error, token(), false));
      // With attempts left it is waiting again.
      this.drain(index);
    } catch (error) {
      this.log(`partition ${index}: job ${job.id ?? '?'} could not be settled: ${(error as Error).message}`);
    } finally {
      partition.held.delete(id);
    }
  }

  /** A settle Redis refused (a shard coming back) is tried again: left active, the job would be run twice. */
  private async settle(work: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS || this.closing) throw error;
        await new Promise((done) => setTimeout(done, RETRY_MS));
      }
    }
  }

  private async renewLocks(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      await Promise.all(
        this.partitions.map(async ({ worker, held }, index) => {
          if (held.size === 0) return;
          const lost = await worker
            .extendJobLocks([...held.keys()], [...held.values()], LOCK_DURATION_MS)
            .catch((error: Error) => (this.log(`partition ${index}: could not extend its job locks: ${error.message}`), []));
          // The run goes on (its switch-over is in this process); the stalled check may give the job back, and a fetch skips it.
          if (lost.length > 0) this.log(`partition ${index}: the locks of ${lost.join(', ')} had lapsed`);
        }),
      );
    } finally {
      this.renewing = false;
    }
  }
}
