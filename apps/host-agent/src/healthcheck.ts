import { bullOptionsFor, hostCommandsQueue } from '@fsr/contracts';
import { newRedisClient } from '@fsr/redis-plumbing';
import { Queue } from 'bullmq';
import { loadHostAgentConfig } from './config';

/**
 * Container health check of a host agent (it serves no HTTP): healthy while a worker of this host is
 * connected to the host's commands queue, i.e. the agent is up and reachable by the control plane.
 */
async function main(): Promise<number> {
  const config = loadHostAgentConfig();
  const connection = newRedisClient({ url: config.redisUrl, clusterNodes: config.redisClusterNodes }, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  const queue = new Queue(hostCommandsQueue(config.hostId), bullOptionsFor(hostCommandsQueue(config.hostId), { connection, prefix: config.queuePrefix }));
  try {
    const workers = await queue.getWorkersCount();
    process.stdout.write(`${config.hostId}: ${workers} command worker(s) connected\n`);
    return workers > 0 ? 0 : 1;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`unhealthy: ${error.message}\n`);
    process.exit(1);
  },
);
