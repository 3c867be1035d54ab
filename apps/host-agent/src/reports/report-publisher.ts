import { CONTROL_PLANE_REPORTS_QUEUE, HostReport } from '@fsr/contracts';
import { Queue } from 'bullmq';
import { BullOptions } from '../fsr/partition-queues';

/** Sends the agent's reports (started, heartbeat, stopping) to the control plane's reports queue. */
export class ReportPublisher {
  private readonly queue: Queue<HostReport>;

  constructor(bull: BullOptions) {
    this.queue = new Queue<HostReport>(CONTROL_PLANE_REPORTS_QUEUE, {
      ...bull,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
  }

  async publish(report: HostReport): Promise<void> {
    await this.queue.add(report.type, report);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
