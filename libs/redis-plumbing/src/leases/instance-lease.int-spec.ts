import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { InstanceLease, LeaseHeldError } from './instance-lease';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('InstanceLease (real Redis)', () => {
  const key = `test-${randomUUID()}:lease`;
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterEach(() => redis.del(key));
  afterAll(() => redis.quit());

  it('refuses a second holder while the first renews, naming it, and lets it in once released', async () => {
    const first = await InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 300, onLost: () => undefined });
    await expect(InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 300, onLost: () => undefined })).rejects.toThrow(LeaseHeldError);
    await expect(InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 300, onLost: () => undefined })).rejects.toThrow(`host h1 is already served by pid ${process.pid}`);
    await first.release();
    const second = await InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 300, onLost: () => undefined });
    await second.release();
  });

  it('takes over at once from a holder on this machine whose process is dead', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await once(child, 'exit');
    await redis.set(key, JSON.stringify({ pid: child.pid, host: hostname(), processStartedAt: 1 }), 'PX', 60_000);
    const startedAt = Date.now();
    const lease = await InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 60_000, onLost: () => undefined });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(JSON.parse((await redis.get(key))!).pid).toBe(process.pid);
    await lease.release();
  });

  it('tells the holder when someone else took the lease, and takes it again after Redis lost it', async () => {
    const lost = jest.fn();
    const lease = await InstanceLease.acquire(redis, key, { what: 'host h1', ttlMs: 300, onLost: lost });
    await redis.del(key);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(JSON.parse((await redis.get(key))!).pid).toBe(process.pid);
    expect(lost).not.toHaveBeenCalled();
    await redis.set(key, JSON.stringify({ pid: 1, host: 'elsewhere', processStartedAt: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(lost).toHaveBeenCalledWith({ pid: 1, host: 'elsewhere', processStartedAt: 1 });
    await lease.release();
    expect(JSON.parse((await redis.get(key))!).host).toBe('elsewhere');
  });
});
