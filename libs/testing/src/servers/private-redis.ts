import { ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { killChild } from './kill-child';
import { freePort } from './free-port';

const READY_TIMEOUT_MS = 10_000;

/**
 * A redis-server of one test's own, without persistence, on a free port: the test may kill it and start
 * it again (everything in it is then gone, as after a restart of a Redis without persistence).
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** SIGKILL, then a fresh server on the same port: every key and job is gone. */
  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((done) => setTimeout(done, downMs));
    await this.start();
  }

  stop(): Promise<void> {
    return killChild(this.child);
  }

  private async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await this.answers())) {
      if (this.child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${this.child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer in time`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  private async answers(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
