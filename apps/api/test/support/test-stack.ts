import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { clusterNodesOf, createRedisConnection } from '@fsr/redis-plumbing';
import { createEmptyTestPostgresDatabase, deleteRedisKeys, EmptyTestPostgresDatabase } from '@fsr/testing';
import { injectSegmentFault, SegmentFault } from '../../../host-agent/test/faults/segment-fault';
import { loadAppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { HttpsListener, listenHttps } from '../../src/http/tls/https-listener';
import { AgentProcess } from './agent-process';
import { ControlPlaneProcess } from './control-plane-process';
import { eventually } from './eventually';

export const KEYS = { viewer: 'viewer-key-e2e-000001', operator: 'operator-key-e2e-000002', admin: 'admin-key-e2e-000003' };
export type Role = keyof typeof KEYS;

export interface TestStackOptions {
  readonly hosts?: readonly string[];
  /** Extra environment of the control plane (e.g. STUN_SLA_MS). */
  readonly env?: Record<string, string>;
  /** Extra environment of every host agent (e.g. HOST_MEMORY_MIB). */
  readonly agentEnv?: Record<string, string>;
  /** `process`: the built control plane as a child process, so a test can kill and restart it. */
  readonly controlPlane?: 'in-process' | 'process';
  /** A Redis of the test's own (e.g. one it restarts); the shared one by default. */
  readonly redisUrl?: string;
  /** A PostgreSQL server of the test's own to create the database on (e.g. one it stops); the shared one by default. */
  readonly postgresAdminUrl?: string;
  /** Also listen over HTTPS (a free port, the self-signed certificate under DATA_DIR), as main() does. */
  readonly https?: boolean;
}

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type ControlPlane = { app: NestExpressApplication } | { process: ControlPlaneProcess };

/**
 * The whole stack for one test file: the control plane in-process on a fresh PostgreSQL database,
 * real host-agent processes, real Redis under a key prefix of its own, a temporary DATA_DIR.
 */
export class TestStack {
  readonly agents = new Map<string, AgentProcess>();
  /** Control planes started beside the first one, on the same database, Redis and queue prefix. */
  readonly replicas: ControlPlaneProcess[] = [];
  private httpsListener: HttpsListener | undefined;
  private env: NodeJS.ProcessEnv = {};

  private constructor(
    private controlPlane: ControlPlane,
    readonly dataDir: string,
    readonly queuePrefix: string,
    readonly redisUrl: string,
    private readonly database: EmptyTestPostgresDatabase,
    private readonly agentEnv: NodeJS.ProcessEnv,
  ) {}

  static async start(options: TestStackOptions = {}): Promise<TestStack> {
    const dataDir = await mkdtemp(join(tmpdir(), 'fsr-e2e-'));
    const queuePrefix = `test-${randomUUID()}`;
    const redisUrl = options.redisUrl ?? REDIS_URL;
    const database = await createEmptyTestPostgresDatabase(options.postgresAdminUrl);
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      HOST_AGENTS: '0',
      API_KEYS: Object.entries(KEYS).map(([role, key]) => `${role}:${key}`).join(','),
      HEARTBEAT_TIMEOUT_MS: '3000',
      HOST_AGENT_TIMEOUT_MS: '20000',
      THROTTLE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const config = loadAppConfig(env);
    let controlPlane: ControlPlane;
    if (options.controlPlane === 'process') {
      controlPlane = { process: await ControlPlaneProcess.launch(env) };
    } else {
      controlPlane = { app: await createApp(config) };
      await controlPlane.app.listen(0, '127.0.0.1');
    }
    const https = options.https && 'app' in controlPlane ? await listenHttps(controlPlane.app, { ...config, host: '127.0.0.1', port: 0 }) : undefined;
    const agentEnv = {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: dataDir,
      HOST_MEMORY_MIB: '65536',
      HEARTBEAT_INTERVAL_MS: '500',
      ...options.agentEnv,
    };
    const stack = new TestStack(controlPlane, dataDir, queuePrefix, redisUrl, database, agentEnv);
    stack.httpsListener = https;
    stack.env = env;
    for (const hostId of options.hosts ?? ['host-1']) await stack.startAgent(hostId);
    return stack;
  }

  /** The HTTPS port of a stack started with `https: true`. */
  get httpsPort(): number {
    if (!this.httpsListener) throw new Error('the stack was started without https');
    return this.httpsListener.port;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** The in-process application; only for stacks started without `controlPlane: 'process'`. */
  get app(): NestExpressApplication {
    if (!('app' in this.controlPlane)) throw new Error('the control plane runs as a process');
    return this.controlPlane.app;
  }

  /** The control-plane process of a stack started with `controlPlane: 'process'`. */
  get controlPlaneProcess(): ControlPlaneProcess {
    if (!('process' in this.controlPlane)) throw new Error('the control plane runs in-process');
    return this.controlPlane.process;
  }

  http(role: Role = 'admin') {
    const server = 'app' in this.controlPlane ? this.controlPlane.app.getHttpServer() : this.controlPlane.process.url;
    const auth = { Authorization: `Bearer ${KEYS[role]}` };
    return {
      get: (path: string) => request(server).get(`/api/v1${path}`).set(auth),
      post: (path: string, body: object = {}) => request(server).post(`/api/v1${path}`).set(auth).send(body),
      delete: (path: string) => request(server).delete(`/api/v1${path}`).set(auth),
      raw: () => request(server),
    };
  }

  /** Another control-plane process on the same database, Redis and queue prefix: a replica. */
  async startReplica(env: Record<string, string> = {}): Promise<ControlPlaneProcess> {
    const replica = await ControlPlaneProcess.launch({ ...this.env, ...env });
    this.replicas.push(replica);
    return replica;
  }

  /** Starts a host agent process and waits until the control plane shows its host connected. */
  async startAgent(hostId: string, env: Record<string, string> = {}): Promise<AgentProcess> {
    const agent = this.launchAgent(hostId, env);
    await this.waitForHost(hostId, 'connected');
    return agent;
  }

  /** Starts a host agent process without waiting for the control plane to see it. */
  launchAgent(hostId: string, env: Record<string, string> = {}): AgentProcess {
    const agent = new AgentProcess(hostId, { ...this.agentEnv, ...env });
    this.agents.set(hostId, agent);
    agent.start();
    return agent;
  }

  waitForHost(hostId: string, connectionState: 'connected' | 'disconnected', timeoutMs = 30_000) {
    return eventually(
      () => this.http('viewer').get(`/hosts/${hostId}`),
      (response) => response.status === 200 && response.body.connectionState === connectionState,
      { what: `host ${hostId} ${connectionState}`, timeoutMs },
    );
  }

  /** Arms a segment fault for the next switch-over of `vmId`: the stack's agents are test agents, which take it. */
  async injectSegmentFault(vmId: string, fault: SegmentFault): Promise<void> {
    const redis = await createRedisConnection({ url: this.redisUrl, clusterNodes: clusterNodesOf(this.env.REDIS_CLUSTER_NODES) }, { role: 'test' });
    try {
      await injectSegmentFault(redis, this.queuePrefix, vmId, fault);
    } finally {
      redis.disconnect();
    }
  }

  /** Polls an operation until it reaches a terminal state. */
  waitForOperation(operationId: string, timeoutMs = 60_000) {
    return eventually(
      () => this.http('viewer').get(`/operations/${operationId}`),
      (response) => ['succeeded', 'failed', 'cancelled', 'rolled-back'].includes(response.body.state),
      { what: `operation ${operationId} to end`, timeoutMs },
    ).then((response) => response.body);
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.stop('SIGTERM')));
    await this.httpsListener?.close();
    if ('app' in this.controlPlane) await this.controlPlane.app.close();
    else await this.controlPlane.process.stop('SIGTERM');
    await Promise.all(this.replicas.map((replica) => replica.stop('SIGKILL')));
    await this.database.drop();
    await rm(this.dataDir, { recursive: true, force: true });
    await deleteRedisKeys(this.redisUrl, this.queuePrefix).catch(() => undefined);
  }
}
