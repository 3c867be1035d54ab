import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { killChild } from './kill-child';
import { freePort, isFree } from './free-port';

const READY_TIMEOUT_MS = 20_000;
/** Redis Cluster's bus listens on the port plus this. */
const BUS_OFFSET = 10_000;

/** A port whose cluster-bus port is free too. */
async function clusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + BUS_OFFSET <= 65_535 && !taken.has(port) && (await isFree(port + BUS_OFFSET))) return port;
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

class ClusterNodeProcess {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  start(): void {
    // nodes.conf in the node's folder keeps its slots across a restart; its keys, without persistence, do not.
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
      '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
  }

  stop(): Promise<void> {
    return killChild(this.child);
  }

  async ask(...command: [string, ...string[]]): Promise<string | null> {
    const answer = await this.call(...command);
    return typeof answer === 'string' ? answer : null;
  }

  async call(...command: [string, ...string[]]): Promise<unknown> {
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(...command);
    } catch {
      return null;
    } finally {
      client.disconnect();
    }
  }
}

/**
 * A Redis Cluster of one test's own: three primaries without replicas or persistence, on free ports, joined
 * with `redis-cli --cluster create`. A primary can be stopped and started again: its shard is then down
 * meanwhile and empty after, as a restarted Redis without persistence.
 */
export class PrivateRedisCluster {
  private constructor(
    private readonly nodes: ClusterNodeProcess[],
    private readonly dir: string,
  ) {}

  static async start(size = 3): Promise<PrivateRedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'fsr-redis-cluster-'));
    const ports = new Set<number>();
    const nodes: ClusterNodeProcess[] = [];
    for (let i = 0; i < size; i++) {
      const port = await clusterPort(ports);
      ports.add(port);
      nodes.push(new ClusterNodeProcess(port, await mkdtemp(join(dir, `node-${port}-`))));
    }
    const cluster = new PrivateRedisCluster(nodes, dir);
    try {
      for (const node of nodes) node.start();
      await cluster.until(async () => (await Promise.all(nodes.map((node) => node.ask('PING')))).every((answer) => answer === 'PONG'), 'every node answers');
      await promisify(execFile)('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes']);
      await cluster.untilHealthy();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** `REDIS_CLUSTER_NODES`. */
  get nodeList(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  /** One node's URL, for what needs a `REDIS_URL` beside the nodes. */
  get url(): string {
    return `redis://127.0.0.1:${this.nodes[0].port}`;
  }

  /** The port of the primary that serves keys with this hash tag (`{tag}`). */
  async primaryOf(hashTag: string): Promise<number> {
    const slot = Number(await this.nodes[0].call('CLUSTER', 'KEYSLOT', `{${hashTag}}`));
    const slots = ((await this.nodes[0].call('CLUSTER', 'SLOTS')) ?? []) as [number, number, [string, number]][];
    const range = slots.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot}`);
    return range[2][1];
  }

  /** SIGKILL of the primary on `port`, then, after `downMs`, the same node started again, empty. */
  async restartNode(port: number, downMs = 0): Promise<void> {
    const node = this.nodes.find((candidate) => candidate.port === port);
    if (!node) throw new Error(`no node on port ${port}`);
    await node.stop();
    if (downMs > 0) await pause(downMs);
    node.start();
    await this.untilHealthy();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    await rm(this.dir, { recursive: true, force: true });
  }

  private async untilHealthy(): Promise<void> {
    await this.until(async () => (await Promise.all(this.nodes.map((node) => node.ask('CLUSTER', 'INFO')))).every((info) => info?.includes('cluster_state:ok') === true), 'cluster_state:ok on every node');
  }

  private async until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`private Redis Cluster: no ${what} in time`);
      await pause(100);
    }
  }
}
