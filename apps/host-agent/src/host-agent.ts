import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bullOptionsFor, AgentStartedReport, AgentVmState, agentsLastSeenKey, hostAgentLeaseKey, hostCommandsQueue, AgentCommand, MARK_HEARD_SCRIPT } from '@fsr/contracts';
import { HostCapacity, PAGES_PER_MIB } from '@fsr/domain';
import { createRedisConnection, InstanceLease, logQueueErrors, logRedisOutage, RedisClient } from '@fsr/redis-plumbing';
import { Worker } from 'bullmq';
import { AgentContext } from './agent-context';
import { commandProcessor } from './commands/command-processor';
import { CopyPool } from './copy/copy-pool';
import { HostAgentConfig } from './config';
import { EndedDiskCopies } from './storage/ended-disk-copies';
import { HostThreads, startHostThreads } from './host-threads';
import { PartitionQueues } from './fsr/partition-queues';
import { segmentProcessor } from './fsr/segment-processor';
import { pooledSegmentCopier, SegmentCopier } from './fsr/segment-copier';
import { EndedSwitchovers } from './fsr/ended-switchovers';
import { discardSwitchover } from './fsr/switchover-discard';
import { discardDiskCopy } from './storage/copy-disks';
import { MpnPool } from './memory/mpn-pool';
import { ReportPublisher } from './reports/report-publisher';
import { HeartbeatReports } from './reports/heartbeat-reports';
import { keepVms, takeBackVms } from './restart/keep-vms';

/** Commands run concurrently (inspect while a switch-over waits); per-VM guards keep them consistent. */
const COMMAND_CONCURRENCY = 8;
/** While a stop waits for running commands: how often it stops a disk copy that started meanwhile. */
const COPY_STOP_RECHECK_MS = 250;

export interface HostAgent {
  readonly hostId: string;
  readonly agentInstanceId: string;
  readonly capacity: HostCapacity;
  readonly context: AgentContext;
  /** Resolves if another agent process took this host over (this one was paused past its lease): stop at once. */
  readonly leaseLost: Promise<void>;
  /** Finishes a running switch-over, keeps the VMs in the data directory, reports agent.stopping and closes everything. */
  stop(): Promise<void>;
}

/** What `CLIENT LIST` names the agent's connection; BullMQ names its blocking ones after the prefix too. */
export const agentConnectionName = (queuePrefix: string, hostId: string): string => `${queuePrefix}:host-agent:${hostId}`;

export type AgentLog = (message: string) => void;

/** What a test agent changes in an agent: the process's own entry point passes none. */
export interface HostAgentOptions {
  /** Wraps the segment copier; the agent's Redis connection is there for a wrapper that takes its orders from it. */
  readonly decorateSegmentCopier?: (copier: SegmentCopier, around: { copyPool: CopyPool; connection: RedisClient; queuePrefix: string }) => SegmentCopier;
  /** The copy threads' entry module (a test agent's wraps the real one). */
  readonly copyThreadEntry?: string;
}

/**
 * Starts one simulated ESXi host: its memory, command and partition workers, and reports, on `threads` when
 * its process carries several hosts (else on copy threads of its own, closed with it).
 */
export async function startHostAgent(config: HostAgentConfig, log: AgentLog = () => undefined, shared?: HostThreads, options: HostAgentOptions = {}): Promise<HostAgent> {
  const { hostId } = config;
  const agentInstanceId = randomUUID();
  await mkdir(config.dataDir, { recursive: true });
  const connection = await createRedisConnection({ url: config.redisUrl, clusterNodes: config.redisClusterNodes }, { role: `host agent ${hostId}`, name: agentConnectionName(config.queuePrefix, hostId) });
  let onLeaseLost: () => void = () => undefined;
  const leaseLost = new Promise<void>((resolve) => (onLeaseLost = resolve));
  // Two processes serving one host would each hold VMs the other does not know: the second waits or refuses.
  const lease = await InstanceLease.acquire(connection, `${config.queuePrefix}:${hostAgentLeaseKey(hostId)}`, {
    what: `host ${hostId}`,
    ttlMs: Math.max(2000, 3 * config.heartbeatIntervalMs),
    onLost: () => onLeaseLost(),
    log,
  }).catch((error: Error) => {
    connection.disconnect();
    throw error;
  });
  const threads = shared ?? (await startHostThreads(config.workerThreads, config.rateSamplePframes, options.copyThreadEntry).catch(async (error: Error) => {
    await lease.release();
    connection.disconnect();
    throw error;
  }));
  const { copyPool, diskCopyPool, pframesPerSecondPerThread } = threads;
  const capacity: HostCapacity = {
    cpuCores: config.cpuCores,
    memoryMiB: config.memoryMiB,
    workerThreads: config.workerThreads,
    pframesPerSecondPerThread,
    numaNodes: config.numaNodes,
  };
  const bull = { connection, prefix: config.queuePrefix };
  const reports = new ReportPublisher(bull, log);
  const segmentCopier = pooledSegmentCopier(copyPool);
  const context: AgentContext = {
    hostId,
    agentInstanceId,
    settings: { prepareTtlMs: config.prepareTtlMs },
    pool: new MpnPool(config.memoryMiB * PAGES_PER_MIB),
    copyPool,
    segmentCopier: options.decorateSegmentCopier?.(segmentCopier, { copyPool, connection, queuePrefix: config.queuePrefix }) ?? segmentCopier,
    diskCopier: diskCopyPool,
    vms: new Map(),
    switchovers: new Map(),
    diskCopies: new Map(),
    publish: (report) => reports.publish(report),
    endedSwitchovers: new EndedSwitchovers(),
    endedDiskCopies: new EndedDiskCopies(),
  };
  const logError = (error: Error) => log(`error: ${error.message}`);
  const keptVmsDir = join(config.dataDir, 'kept-vms', hostId);
  logRedisOutage(connection, log);
  const partitions = new PartitionQueues(hostId, bull, segmentProcessor(context), log);
  const commands = new Worker<AgentCommand>(hostCommandsQueue(hostId), commandProcessor(context, partitions), {
    ...bullOptionsFor(hostCommandsQueue(hostId), bull),
    concurrency: COMMAND_CONCURRENCY,
  });
  logQueueErrors([commands], log);
  await commands.waitUntilReady();
  // Last before the report: a start that fails earlier leaves the kept VMs on disk for the next one.
  const restored = await takeBackVms(context, keptVmsDir, log);

  const started: AgentStartedReport = { type: 'agent.started', hostId, name: hostId, agentInstanceId, capacity, vms: restored };
  await reports.publish(started);
  // Straight into Redis as well as a report: a control plane behind on its reports still hears the agent is alive.
  const heartbeatReports = new HeartbeatReports(config.heartbeatIntervalMs);
  const markHeard = () =>
    connection.eval(MARK_HEARD_SCRIPT, 1, agentsLastSeenKey(config.queuePrefix), agentInstanceId).catch((error: Error) => {
      heartbeatReports.markNotHeard();
      logError(error);
    });
  await markHeard();
  // Back after an outage: the control plane may have recorded the host disconnected meanwhile.
  connection.on('ready', () => heartbeatReports.markNotHeard());
  const heartbeat = setInterval(() => {
    void markHeard();
    const now = Date.now();
    if (!heartbeatReports.beat(now)) return;
    reports.publish({ type: 'agent.heartbeat', hostId, agentInstanceId, sentAt: now }).catch((error: Error) => {
      heartbeatReports.markNotHeard();
      logError(error);
    });
  }, config.heartbeatIntervalMs);
  log(`host agent ${hostId} (${agentInstanceId}) started: ${JSON.stringify(capacity)}`);

  let stopping: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    // Heartbeats go on while a running switch-over finishes: a silent agent would be taken for a dead one.
    // A disk copy may run for minutes: it is stopped (its partial target removed) rather than waited for.
    let closed = false;
    const closing = commands.close().finally(() => (closed = true));
    while (!closed) {
      await Promise.all([...context.diskCopies.keys()].map((id) => discardDiskCopy(context, id, 'agent stopping')));
      await Promise.race([closing, sleep(COPY_STOP_RECHECK_MS)]);
    }
    for (const switchover of [...context.switchovers.values()]) discardSwitchover(context, switchover, 'agent stopping');
    await Promise.all([...context.diskCopies.keys()].map((id) => discardDiskCopy(context, id, 'agent stopping')));
    const kept = await keepVms(context, keptVmsDir).then(
      (vms) => (log(`kept ${vms.length} VM(s) under ${keptVmsDir} for the next start`), vms),
      (error: Error): AgentVmState[] | undefined => (log(`could not keep the VMs, they are lost: ${error.message}`), undefined),
    );
    await partitions.close();
    clearInterval(heartbeat);
    await reports.publish({ type: 'agent.stopping', hostId, agentInstanceId, ...(kept ? { keptVms: kept } : {}) }).catch(logError);
    await reports.close();
    if (!shared) await threads.close();
    await lease.release();
    await connection.quit().catch(() => connection.disconnect());
    log(`host agent ${hostId} (${agentInstanceId}) stopped`);
  };
  return { hostId, agentInstanceId, capacity, context, leaseLost, stop: () => (stopping ??= stop()) };
}
