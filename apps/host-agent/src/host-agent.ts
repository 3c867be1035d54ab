import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { AgentStartedReport, hostCommandsQueue, HostCommand } from '@fsr/contracts';
import { HostCapacity, PAGES_PER_MIB } from '@fsr/domain';
import { Worker } from 'bullmq';
import { AgentContext } from './agent-context';
import { commandProcessor } from './commands/command-processor';
import { HostAgentConfig } from './config';
import { CopyPool } from './copy/copy-pool';
import { measurePframesPerSecondPerThread } from './copy/copy-rate';
import { PartitionQueues } from './fsr/partition-queues';
import { segmentProcessor } from './fsr/segment-processor';
import { EndedSwitchovers } from './fsr/ended-switchovers';
import { discardSwitchover } from './fsr/switchover-discard';
import { discardDiskCopy } from './storage/copy-disks';
import { MpnPool } from './memory/mpn-pool';
import { ReportPublisher } from './reports/report-publisher';
// Straight to the file: the @fsr/infrastructure barrel would load Prisma into the data plane.
import { createRedisConnection } from '../../../libs/infrastructure/src/queues/redis-connection';
import { logQueueErrors, logRedisOutage } from '../../../libs/infrastructure/src/queues/redis-outage-log';

/** Commands run concurrently (inspect while a switch-over waits); per-VM guards keep them consistent. */
const COMMAND_CONCURRENCY = 8;

export interface HostAgent {
  readonly hostId: string;
  readonly agentInstanceId: string;
  readonly capacity: HostCapacity;
  readonly context: AgentContext;
  /** Finishes (or rolls back) a running switch-over, reports agent.stopping and closes everything. */
  stop(): Promise<void>;
}

export type AgentLog = (message: string) => void;

/** Starts one simulated ESXi host: its memory, copy threads, command and partition workers, and reports. */
export async function startHostAgent(config: HostAgentConfig, log: AgentLog = () => undefined): Promise<HostAgent> {
  const { hostId } = config;
  const agentInstanceId = randomUUID();
  await mkdir(config.dataDir, { recursive: true });
  const connection = await createRedisConnection(config.redisUrl, { role: `host agent ${hostId}` });
  const copyPool = await CopyPool.start(config.workerThreads).catch(async (error: Error) => {
    connection.disconnect();
    throw error;
  });
  const pframesPerSecondPerThread = await measurePframesPerSecondPerThread(copyPool, config.rateSamplePframes);
  const capacity: HostCapacity = {
    cpuCores: config.cpuCores,
    memoryMiB: config.memoryMiB,
    workerThreads: config.workerThreads,
    pframesPerSecondPerThread,
  };
  const bull = { connection, prefix: config.queuePrefix };
  const reports = new ReportPublisher(bull, log);
  const context: AgentContext = {
    hostId,
    agentInstanceId,
    settings: { faultInjection: config.faultInjection, prepareTtlMs: config.prepareTtlMs },
    pool: new MpnPool(config.memoryMiB * PAGES_PER_MIB),
    copyPool,
    vms: new Map(),
    switchovers: new Map(),
    diskCopies: new Map(),
    publish: (report) => reports.publish(report),
    endedSwitchovers: new EndedSwitchovers(),
  };
  const logError = (error: Error) => log(`error: ${error.message}`);
  logRedisOutage(connection, log);
  const partitions = new PartitionQueues(hostId, bull, segmentProcessor(context), log);
  const commands = new Worker<HostCommand>(hostCommandsQueue(hostId), commandProcessor(context, partitions), {
    ...bull,
    concurrency: COMMAND_CONCURRENCY,
  });
  logQueueErrors([commands], log);
  await commands.waitUntilReady();

  const started: AgentStartedReport = { type: 'agent.started', hostId, name: hostId, agentInstanceId, capacity, vms: [] };
  await reports.publish(started);
  const heartbeat = setInterval(() => {
    reports.publish({ type: 'agent.heartbeat', hostId, agentInstanceId, sentAt: Date.now() }).catch(logError);
  }, config.heartbeatIntervalMs);
  log(`host agent ${hostId} (${agentInstanceId}) started: ${JSON.stringify(capacity)}`);

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    // Heartbeats go on while a running switch-over finishes: a silent agent would be taken for a dead one.
    await commands.close();
    for (const switchover of [...context.switchovers.values()]) discardSwitchover(context, switchover, 'agent stopping');
    await Promise.all([...context.diskCopies.keys()].map((id) => discardDiskCopy(context, id, 'agent stopping')));
    await Promise.all([...context.vms.values()].map((vm) => vm.workload.stop()));
    await partitions.close();
    clearInterval(heartbeat);
    await reports.publish({ type: 'agent.stopping', hostId, agentInstanceId }).catch(logError);
    await reports.close();
    await copyPool.close();
    await connection.quit().catch(() => connection.disconnect());
    log(`host agent ${hostId} (${agentInstanceId}) stopped`);
  };
  return { hostId, agentInstanceId, capacity, context, stop: () => (stopping ??= stop()) };
}
