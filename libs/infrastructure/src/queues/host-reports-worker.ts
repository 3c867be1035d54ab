import { CONTROL_PLANE_REPORTS_QUEUE, DEFAULT_QUEUE_PREFIX, HostReport } from '@fsr/contracts';
import { ConnectionOptions, Job, Worker } from 'bullmq';

/** A Worker on the control plane's reports queue that hands every host report to `handle`. */
export function createHostReportsWorker(
  options: { readonly connection: ConnectionOptions; readonly prefix?: string; readonly concurrency?: number },
  handle: (report: HostReport) => Promise<void>,
): Worker<HostReport> {
  return new Worker<HostReport>(CONTROL_PLANE_REPORTS_QUEUE, (job: Job<HostReport>) => handle(job.data), {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    concurrency: options.concurrency ?? 1,
  });
}
