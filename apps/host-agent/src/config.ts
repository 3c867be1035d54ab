import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_QUEUE_PREFIX, HOST_ID_PATTERN, TIMEOUTS } from '@fsr/contracts';
import { PAGES_PER_MIB } from '@fsr/domain';
import { CLUSTER_NODES_MESSAGE, clusterNodesOf, validClusterNodes } from '@fsr/redis-plumbing';
import { z } from 'zod';
import { DEFAULT_RATE_SAMPLE_PFRAMES } from './copy/copy-rate';
import { MAX_MPNS } from './memory/mpn-pool';

export interface HostAgentConfig {
  readonly hostId: string;
  readonly cpuCores: number;
  readonly numaNodes: number;
  readonly memoryMiB: number;
  readonly workerThreads: number;
  readonly redisUrl: string;
  /** `REDIS_CLUSTER_NODES`: a Redis Cluster's nodes; null: the one Redis of `redisUrl`. */
  readonly redisClusterNodes: readonly string[] | null;
  readonly queuePrefix: string;
  readonly dataDir: string;
  readonly heartbeatIntervalMs: number;
  readonly prepareTtlMs: number;
  /** PFrames copied per run when measuring the per-thread copy rate at start-up. */
  readonly rateSamplePframes: number;
}

export class HostAgentConfigError extends Error {}

const count = (max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().positive().max(max);

const schema = z
  .object({
    HOST_NAME: z.string().regex(HOST_ID_PATTERN, `must match ${HOST_ID_PATTERN}`).default('host-1'),
    // Simulated cores of the ESXi host (a VM may have up to this many vCPUs); WORKER_THREADS are the real ones that copy.
    HOST_CPU_CORES: count(4096).default(64),
    // Unset: two nodes for an even core count, as on the usual two-socket server; one for an odd count.
    NUMA_NODES: count(4096).optional(),
    HOST_MEMORY_MIB: count(MAX_MPNS / PAGES_PER_MIB).default(65536),
    WORKER_THREADS: count(256).default(availableParallelism()),
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
    REDIS_CLUSTER_NODES: z.string().optional().transform(clusterNodesOf).refine(validClusterNodes, CLUSTER_NODES_MESSAGE),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, . _ -').default(DEFAULT_QUEUE_PREFIX),
    DATA_DIR: z.string().min(1).default('./data'),
    HEARTBEAT_INTERVAL_MS: count().default(TIMEOUTS.heartbeatIntervalMs),
    PREPARE_TTL_MS: count().default(TIMEOUTS.preparedDestinationTtlMs),
    COPY_RATE_SAMPLE_PFRAMES: count(MAX_MPNS).default(DEFAULT_RATE_SAMPLE_PFRAMES),
  })
  .superRefine(({ HOST_CPU_CORES, NUMA_NODES }, context) => {
    if (NUMA_NODES === undefined || HOST_CPU_CORES % NUMA_NODES === 0) return;
    context.addIssue({
      code: 'custom',
      path: ['NUMA_NODES'],
      message: `must divide HOST_CPU_CORES: ${HOST_CPU_CORES} cores do not split evenly over ${NUMA_NODES} nodes`,
    });
  });

const defaultNumaNodes = (cpuCores: number) => (cpuCores % 2 === 0 ? 2 : 1);

const hostNames = z
  .string()
  .transform((raw) => raw.split(',').map((name) => name.trim()).filter((name) => name.length > 0))
  .refine((names) => names.length > 0 && names.every((name) => HOST_ID_PATTERN.test(name)), `must be host names separated by commas, each matching ${HOST_ID_PATTERN}`)
  .refine((names) => new Set(names).size === names.length, 'names a host twice');

/**
 * The settings of each host one agent process carries: `HOST_NAMES=host-1,host-2,...` (they then share its copy
 * threads), else the one host of `HOST_NAME`. Every other setting is the same for all of them.
 */
export function loadHostAgentConfigs(env: NodeJS.ProcessEnv = process.env): HostAgentConfig[] {
  if (env.HOST_NAMES === undefined || env.HOST_NAMES === '') return [loadHostAgentConfig(env)];
  const names = hostNames.safeParse(env.HOST_NAMES);
  if (!names.success) throw new HostAgentConfigError(`invalid host agent configuration: HOST_NAMES ${names.error.issues.map((issue) => issue.message).join('; ')}`);
  return names.data.map((name) => loadHostAgentConfig({ ...env, HOST_NAME: name }));
}

/** Reads the agent's settings from the environment (empty values count as unset); throws one readable error. */
export function loadHostAgentConfig(env: NodeJS.ProcessEnv = process.env): HostAgentConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new HostAgentConfigError(`invalid host agent configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return {
    hostId: values.HOST_NAME,
    cpuCores: values.HOST_CPU_CORES,
    numaNodes: values.NUMA_NODES ?? defaultNumaNodes(values.HOST_CPU_CORES),
    memoryMiB: values.HOST_MEMORY_MIB,
    workerThreads: values.WORKER_THREADS,
    redisUrl: values.REDIS_URL,
    redisClusterNodes: values.REDIS_CLUSTER_NODES,
    queuePrefix: values.QUEUE_PREFIX,
    dataDir: resolve(values.DATA_DIR),
    heartbeatIntervalMs: values.HEARTBEAT_INTERVAL_MS,
    prepareTtlMs: values.PREPARE_TTL_MS,
    rateSamplePframes: values.COPY_RATE_SAMPLE_PFRAMES,
  };
}
