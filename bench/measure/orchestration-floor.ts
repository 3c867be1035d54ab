import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { FlowProducer, Worker } from 'bullmq';
import { deleteKeys, REDIS_URL } from '../support/stack';
import { repeat, Summary, summarize } from '../support/stats';

export interface OrchestrationFloor {
  readonly children: number;
  /** `FlowProducer.add` of a parent with no-op children until the parent's processor starts. */
  readonly flowMs: Summary;
}

/** A raw BullMQ flow of no-op children on the same Redis, workers running before the first flow. */
export async function measureOrchestrationFloor(children: number, runs: number): Promise<OrchestrationFloor> {
  const url = new URL(REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const prefix = `bench-flow-${randomUUID()}`;
  const bull = { connection, prefix };
  let parentStarted: (at: number) => void = () => undefined;
  const childWorker = new Worker('children', async () => null, { ...bull, concurrency: children });
  const parentWorker = new Worker('parent', async () => parentStarted(performance.now()), bull);
  const flows = new FlowProducer(bull);
  try {
    await Promise.all([childWorker.waitUntilReady(), parentWorker.waitUntilReady()]);
    const samples = await repeat(
      runs,
      async (run) => {
        const started = new Promise<number>((done) => (parentStarted = done));
        const addedAt = performance.now();
        await flows.add({
          name: 'parent',
          queueName: 'parent',
          data: { run },
          children: Array.from({ length: children }, (_, index) => ({ name: 'child', queueName: 'children', data: { index } })),
        });
        return (await started) - addedAt;
      },
      2,
    );
    return { children, flowMs: summarize(samples) };
  } finally {
    await Promise.all([childWorker.close(), parentWorker.close(), flows.close()]);
    await deleteKeys(`${prefix}:*`);
  }
}
