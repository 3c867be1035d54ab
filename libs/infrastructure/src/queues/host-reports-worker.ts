import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE, DEFAULT_QUEUE_PREFIX, describeProblems, HostReport, hostReportSchema } from '@fsr/contracts';
import { ConnectionOptions, Job, UnrecoverableError, Worker } from 'bullmq';

/**
 * A Worker on the control plane's reports queue that hands every host report to `handle`. A job that
 * does not read as a report fails at once with where it is wrong (kept in Redis, logged), and the next goes on.
 */
export function createHostReportsWorker(
  options: { readonly connection: ConnectionOptions; readonly prefix?: string; readonly concurrency?: number },
  handle: (report: HostReport) => Promise<void>,
): Worker<unknown> {
  const read = (job: Job<unknown>): HostReport => {
    const report = hostReportSchema.safeParse(job.data);
    if (!report.success) throw new UnrecoverableError(`malformed host report ${job.name}: ${describeProblems(report.error)}`);
    return report.data;
  };
  return new Worker<unknown>(CONTROL_PLANE_REPORTS_QUEUE, (job: Job<unknown>) => handle(read(job)), {
    ...bullOptionsFor(CONTROL_PLANE_REPORTS_QUEUE, { connection: options.connection, prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX }),
    concurrency: options.concurrency ?? 1,
  });
}
