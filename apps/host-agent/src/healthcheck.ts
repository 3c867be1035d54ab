import { bullOptionsFor, hostCommandsQueue } from '@fsr/contracts';
import { redisOptionsFromUrl } from '@fsr/redis-plumbing';
import { ConnectionOptions, Queue } from 'bullmq';
import { loadHostAgentConfig } from './config';

/**
 * Container health check of a host agent (it serves no HTTP): healthy while a worker of this host is
 * connected to the host's commands queue, i.e. the agent is up and reachable by the control plane.
 */
async function main(): Promise<number> {
  const config = loadHostAgentConfig();
  const connection = { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 2000 } as ConnectionOptions;
  const queue = new Queue(hostCommandsQueue(config.hostId), bullOptionsFor(hostCommandsQueue(config.hostId), { connection, prefix: config.queuePrefix }));
  try {
    const workers = await queue.getWorkersCount();
    process.stdout.write(`${config.hostId}: ${workers} command worker(s) connected\n`);
    return workers > 0 ? 0 : 1;
  } finally {
    await queue.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`unhealthy: ${error.message}\n`);
    process.exit(1);
  },
);
