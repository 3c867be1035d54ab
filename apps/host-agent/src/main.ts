import { LeaseHeldError, RedisUnreachableError } from '@fsr/redis-plumbing';
import { HostAgentConfigError, loadHostAgentConfig } from './config';
import { startHostAgent } from './host-agent';

process.title = 'host-agent';
const log = (message: string) => process.stdout.write(`[host-agent] ${message}\n`);

async function main(): Promise<void> {
  const config = loadHostAgentConfig();
  // `pgrep -af host-agent` then tells which host each process serves.
  process.title = `host-agent ${config.hostId}`;
  const agent = await startHostAgent(config, log);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C reaches the whole process group, and `npm run cluster` forwards it too: a second
    // signal must not cut the graceful stop short.
    if (stopping) return log(`${signal} received again: still stopping`);
    stopping = true;
    log(`${signal} received: stopping`);
    agent.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`[host-agent] stop failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Started by `npm start`'s control plane over an IPC channel: an agent outliving it would be an orphan
  // that a restarted control plane cannot see, serving the host beside the agent it starts next.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => shutdown('parent gone' as NodeJS.Signals));
  }
  // The host is another process's now: a graceful stop would discard copies and delete files that one may own.
  void agent.leaseLost.then(() => {
    process.stderr.write(`[host-agent] another agent process took host ${config.hostId} over: exiting at once\n`);
    process.exit(1);
  });
}

main().catch((error: Error) => {
  const expected = error instanceof HostAgentConfigError || error instanceof RedisUnreachableError || error instanceof LeaseHeldError;
  process.stderr.write(`[host-agent] ${expected ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
