import { CONTROL_PLANE_REPORTS_QUEUE, HostReport } from '@fsr/contracts';
import { Queue } from 'bullmq';
import { BullOptions } from '../fsr/partition-queues';
// Straight to the file: the @fsr/infrastructure barrel would load Prisma into the data plane.
import { logQueueErrors } from '../../../../libs/infrastructure/src/queues/redis-outage-log';

/** Sends the agent's reports (started, heartbeat, stopping) to the control plane's reports queue. */
export class ReportPublisher {
  private readonly queue: Queue<HostReport>;

  constructor(bull: BullOptions, log: (message: string) => void) {
    this.queue = new Queue<HostReport>(CONTROL_PLANE_REPORTS_QUEUE, {
      ...bull,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
    logQueueErrors([this.queue], log);
  }

  async publish(report: HostReport): Promise<void> {
    await this.queue.add(report.type, report);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
