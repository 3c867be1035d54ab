import { bullOptionsFor, hostCommandsQueue } from '@fsr/contracts';
import { Queue } from 'bullmq';
import { bullConnection } from '../../src/infrastructure/bull-connection';
import { eventually } from './eventually';

/** Waits until the host's agent has taken a command of that name (e.g. `fsr.switch-over`: the stun has begun). */
export async function waitForActiveCommand(redisUrl: string, prefix: string, hostId: string, name: string): Promise<void> {
  const queue = new Queue(hostCommandsQueue(hostId), bullOptionsFor(hostCommandsQueue(hostId), { connection: bullConnection(redisUrl), prefix }));
  try {
    await eventually(
      () => queue.getJobs(['active']),
      (jobs) => jobs.some((job) => job.name === name),
      { what: `${hostId} running ${name}`, timeoutMs: 30_000, intervalMs: 20 },
    );
  } finally {
    await queue.close();
  }
}
