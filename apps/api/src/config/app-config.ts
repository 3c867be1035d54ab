import { resolve } from 'node:path';
import { z } from 'zod';
import { TIMEOUTS } from '@fsr/contracts';
import { CLUSTER_NODES_MESSAGE, clusterNodesOf, RedisTarget, validClusterNodes } from '@fsr/redis-plumbing';
import { ApiKeyEntry, parseApiKeyList } from './api-key-list';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const apiKeys = optionalText.transform((raw, ctx): ApiKeyEntry[] | undefined => {
  if (raw === undefined) return undefined;
  const { entries, problems } = parseApiKeyList(raw);
  problems.forEach((message) => ctx.addIssue({ code: 'custom', message }));
  return entries;
});

const redisUrl = z
  .string()
  .default('redis://127.0.0.1:6379')
  .refine((url) => /^rediss?:\/\//.test(url), 'must start with redis:// or rediss://');

const databaseUrl = optionalText.refine(
  (url) => url === undefined || /^postgres(ql)?:\/\//.test(url),
  'must start with postgres:// or postgresql://',
);

const envSchema = z.object({
  PORT: integer(3000).pipe(z.number().max(65535)),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  HTTPS_PORT: integer(3443).pipe(z.number().max(65535)),
  TLS_CERT_FILE: optionalText,
  TLS_KEY_FILE: optionalText,
  VSPHERE_SESSION_IDLE_MINUTES: integer(30, 1),
  VSPHERE_RELOCATE_MAX_COPY_MIBPS: z.coerce.number().int().min(1).max(100000).optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  API_KEYS: apiKeys,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_CLUSTER_NODES: z.string().optional().transform(clusterNodesOf).refine(validClusterNodes, CLUSTER_NODES_MESSAGE),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-" only').default('fsr'),
  HOST_AGENTS: integer(2).pipe(z.number().max(64)),
  STUN_SLA_MS: integer(1000, 1),
  HEARTBEAT_TIMEOUT_MS: integer(TIMEOUTS.heartbeatTimeoutMs, 100),
  HOST_AGENT_TIMEOUT_MS: integer(TIMEOUTS.hostAgentAnswerMs, 100),
  LEASE_TTL_MS: integer(TIMEOUTS.leaseTtlMs, 500),
  BODY_LIMIT: z.string().regex(/^\d+\s*(b|kb|mb)?$/i, 'a size like 100kb or 1mb').default('100kb'),
  THROTTLE_LIMIT: integer(600, 1),
  REQUEST_TIMEOUT_MS: integer(30000, 100),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The control plane's settings, read once from the environment at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** The HTTPS listener (same host); 0 picks a free port. */
  readonly httpsPort: number;
  /** PEM files; both undefined: a self-signed certificate kept under dataDir. */
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  /** A vSphere API session unused this long is closed. */
  readonly vsphereSessionIdleMinutes: number;
  /** Copy bandwidth of relocations started through the vSphere API (its RelocateSpec has none); unset: unlimited. */
  readonly vsphereRelocateMaxCopyMiBps: number | undefined;
  /** Absolute. */
  readonly dataDir: string;
  /** Undefined: an admin key is generated and kept under dataDir. */
  readonly apiKeys: readonly ApiKeyEntry[] | undefined;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string;
  /** `REDIS_CLUSTER_NODES`: a Redis Cluster's nodes; null: the one Redis of `redisUrl`. */
  readonly redisClusterNodes: readonly string[] | null;
  readonly queuePrefix: string;
  readonly hostAgents: number;
  readonly stunSlaMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly hostAgentTimeoutMs: number;
  /** How long a replica's lease on a piece of work (an operation, the liveness watch) lasts unless renewed. */
  readonly leaseTtlMs: number;
  readonly bodyLimit: string;
  /** Command requests (POST/PUT/PATCH/DELETE) per minute and caller. */
  readonly throttleLimit: number;
  /** The time a request's headers and body may take to arrive. */
  readonly requestTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** Undefined: one readable line per entry on a terminal, JSON lines otherwise. */
  readonly logFormat: 'pretty' | 'json' | undefined;
}

/** Where the control plane's Redis is: one server, or a Redis Cluster. */
export const redisTargetOf = (config: Pick<AppConfig, 'redisUrl' | 'redisClusterNodes'>): RedisTarget => ({
  url: config.redisUrl,
  clusterNodes: config.redisClusterNodes,
});

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws a ConfigError naming every wrong variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const vars = parsed.data;
  if ((vars.TLS_CERT_FILE === undefined) !== (vars.TLS_KEY_FILE === undefined)) {
    throw new ConfigError(['TLS_CERT_FILE and TLS_KEY_FILE: give both or neither']);
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    httpsPort: vars.HTTPS_PORT,
    tlsCertFile: vars.TLS_CERT_FILE ? resolve(vars.TLS_CERT_FILE) : undefined,
    tlsKeyFile: vars.TLS_KEY_FILE ? resolve(vars.TLS_KEY_FILE) : undefined,
    vsphereSessionIdleMinutes: vars.VSPHERE_SESSION_IDLE_MINUTES,
    vsphereRelocateMaxCopyMiBps: vars.VSPHERE_RELOCATE_MAX_COPY_MIBPS,
    dataDir: resolve(vars.DATA_DIR),
    apiKeys: vars.API_KEYS,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    redisClusterNodes: vars.REDIS_CLUSTER_NODES,
    queuePrefix: vars.QUEUE_PREFIX,
    hostAgents: vars.HOST_AGENTS,
    stunSlaMs: vars.STUN_SLA_MS,
    heartbeatTimeoutMs: vars.HEARTBEAT_TIMEOUT_MS,
    hostAgentTimeoutMs: vars.HOST_AGENT_TIMEOUT_MS,
    leaseTtlMs: vars.LEASE_TTL_MS,
    bodyLimit: vars.BODY_LIMIT.replace(/\s+/g, '').toLowerCase(),
    throttleLimit: vars.THROTTLE_LIMIT,
    requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT,
  };
}
