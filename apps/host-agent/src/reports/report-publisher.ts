import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE, HostReport } from '@fsr/contracts';
import { logQueueErrors } from '@fsr/redis-plumbing';
import { Queue } from 'bullmq';
import { BullOptions } from '../fsr/partition-queues';

const RETRIED_TYPES = new Set<HostReport['type']>(['agent.started', 'agent.stopping']);
const RETRIED = { attempts: 8, backoff: { type: 'exponential', delay: 500 } } as const;

/** Sends the agent's reports (started, heartbeat, stopping) to the control plane's reports queue. */
export class ReportPublisher {
  private readonly queue: Queue<HostReport>;

  constructor(bull: BullOptions, log: (message: string) => void) {
    this.queue = new Queue<HostReport>(CONTROL_PLANE_REPORTS_QUEUE, {
      ...bullOptionsFor(CONTROL_PLANE_REPORTS_QUEUE, bull),
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
    logQueueErrors([this.queue], log);
  }

  /**
   * A start or stop the control plane could not take (its database restarting) is tried again. Heartbeats
   * and progress are not: a late one would speak for a moment that has passed, and the next one follows.
   */
  async publish(report: HostReport): Promise<void> {
    await this.queue.add(report.type, report, RETRIED_TYPES.has(report.type) ? RETRIED : {});
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
