import { HostAgentConfigError, loadHostAgentConfig } from './config';
import { startHostAgent } from './host-agent';
// Straight to the file: the @fsr/infrastructure barrel would load Prisma into the data plane.
import { RedisUnreachableError } from '../../../libs/infrastructure/src/queues/redis-connection';

process.title = 'host-agent';
const log = (message: string) => process.stdout.write(`[host-agent] ${message}\n`);

async function main(): Promise<void> {
  const config = loadHostAgentConfig();
  const agent = await startHostAgent(config, log);
  const shutdown = (signal: NodeJS.Signals) => {
    log(`${signal} received: stopping`);
    agent.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`[host-agent] stop failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: Error) => {
  const expected = error instanceof HostAgentConfigError || error instanceof RedisUnreachableError;
  process.stderr.write(`[host-agent] ${expected ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
