import { LeaseHeldError, RedisUnreachableError } from '@fsr/redis-plumbing';
import { HostAgentConfigError, loadHostAgentConfigs } from './config';
import { HostAgent, HostAgentOptions, startHostAgent } from './host-agent';
import { HostThreads, startHostThreads } from './host-threads';

const log = (message: string) => process.stdout.write(`[host-agent] ${message}\n`);

/** The agent process: the hosts of its environment, stopped gracefully on SIGTERM/SIGINT or when its parent goes. */
export async function runHostAgentProcess(options: HostAgentOptions = {}): Promise<void> {
  process.title = 'host-agent';
  const configs = loadHostAgentConfigs();
  const hostIds = configs.map((config) => config.hostId);
  // `pgrep -af host-agent` then tells which hosts each process serves.
  process.title = `host-agent ${hostIds.join(',')}`;
  const agents: HostAgent[] = [];
  let threads: HostThreads | undefined;
  if (configs.length === 1) {
    agents.push(await startHostAgent(configs[0], log, undefined, options));
  } else {
    threads = await startHostThreads(configs[0].workerThreads, configs[0].rateSamplePframes, options.copyThreadEntry);
    try {
      for (const config of configs) agents.push(await startHostAgent(config, log, threads, options));
    } catch (error) {
      await Promise.allSettled(agents.map((agent) => agent.stop()));
      await threads.close();
      throw error;
    }
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C reaches the whole process group, and `npm run cluster` forwards it too: a second
    // signal must not cut the graceful stop short.
    if (stopping) return log(`${signal} received again: still stopping`);
    stopping = true;
    log(`${signal} received: stopping`);
    // Every host stops (keeps its VMs, releases its lease) even when another one's stop fails.
    void Promise.allSettled(agents.map((agent) => agent.stop())).then(async (stopped) => {
      await threads?.close();
      const failed = stopped.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
      for (const error of failed) process.stderr.write(`[host-agent] stop failed: ${error.stack ?? error.message}\n`);
      process.exit(failed.length === 0 ? 0 : 1);
    });
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
  for (const agent of agents) {
    void agent.leaseLost.then(() => {
      process.stderr.write(`[host-agent] another agent process took host ${agent.hostId} over: exiting at once\n`);
      process.exit(1);
    });
  }
}

/** Runs the process; a start that fails prints why (its stack only when unexpected) and exits 1. */
export function startHostAgentProcess(options: HostAgentOptions = {}): void {
  runHostAgentProcess(options).catch((error: Error) => {
    const expected = error instanceof HostAgentConfigError || error instanceof RedisUnreachableError || error instanceof LeaseHeldError;
    process.stderr.write(`[host-agent] ${expected ? error.message : (error.stack ?? error.message)}\n`);
    process.exit(1);
  });
}
