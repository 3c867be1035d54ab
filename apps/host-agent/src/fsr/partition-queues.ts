import { ConnectionOptions, Processor, Queue, Worker } from 'bullmq';
import { pframePartitionQueue, SegmentJobData } from '@fsr/contracts';
import { logQueueErrors } from '@fsr/redis-plumbing';

/** Armed jobs of concurrent switch-overs (different VMs) can share a partition. */
const JOBS_PER_PARTITION = 8;

export interface BullOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
}

/** The host's PFrame partition queues, each with its worker: created when a plan first needs them, then kept. */
export class PartitionQueues {
  private readonly queues: Queue<SegmentJobData>[] = [];
  private readonly workers: Worker<SegmentJobData>[] = [];

  constructor(
    private readonly hostId: string,
    private readonly bull: BullOptions,
    private readonly processor: Processor<SegmentJobData>,
    private readonly log: (message: string) => void,
  ) {}

  get count(): number {
    return this.queues.length;
  }

  ensure(partitions: number): void {
    for (let partition = this.queues.length; partition < partitions; partition++) {
      const name = pframePartitionQueue(this.hostId, partition);
      const queue = new Queue<SegmentJobData>(name, this.bull);
      const worker = new Worker<SegmentJobData>(name, this.processor, { ...this.bull, concurrency: JOBS_PER_PARTITION });
      logQueueErrors([queue, worker], this.log);
      this.queues.push(queue);
      this.workers.push(worker);
    }
  }

  queue(partition: number): Queue<SegmentJobData> {
    return this.queues[partition];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
