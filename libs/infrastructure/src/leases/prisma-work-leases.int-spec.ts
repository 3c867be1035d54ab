import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { LeaseLostError } from '@fsr/application';
import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { PrismaEventStore } from '../event-store/prisma-event-store';
import { asWritten } from '../event-store/contract-fixtures';
import { PrismaWorkLeases } from './prisma-work-leases';

const TTL_MS = 2000;
const context = { actor: 'system:test', correlationId: 'c-1', causationId: null };
const event = (n: number) => ({ type: 'test.happened', data: { n } });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PrismaWorkLeases on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let replicaA: PrismaWorkLeases;
  let replicaB: PrismaWorkLeases;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    replicaA = new PrismaWorkLeases(database.prisma, { holder: 'elsewhere:1:aaaa', ttlMs: TTL_MS });
    replicaB = new PrismaWorkLeases(database.prisma, { holder: 'elsewhere:2:bbbb', ttlMs: TTL_MS });
  });
  afterAll(() => database.drop());

  it('gives a lease to one holder at a time, keeps it while renewed, and lets another take it only once released', async () => {
    const held = await replicaA.acquire('operation:one');
    expect(held).not.toBeNull();
    expect(await replicaB.acquire('operation:one')).toBeNull();
    await pause(TTL_MS * 2);
    expect(await replicaB.acquire('operation:one')).toBeNull();
    expect(await replicaB.heldAmong(['operation:one', 'operation:none'])).toEqual(new Set(['operation:one']));
    await held!.release();
    const taken = await replicaB.acquire('operation:one');
    expect(taken!.fence.token).toBe(held!.fence.token + 1n);
    await taken!.release();
  });

  it('lets another holder take a lease whose holder stopped renewing, and fences the old holder\'s appends', async () => {
    const store = new PrismaEventStore(database.prisma, { readData: asWritten });
    const first = (await replicaA.acquire('operation:two'))!;
    await store.append([{ streamId: 'fenced-two', expectedVersion: -1, events: [event(1)] }], { ...context, fence: first.fence });
    // A paused replica: its renewals stop while it still believes it holds the lease.
    await database.prisma.$executeRaw`UPDATE work_leases SET expires_at = now() - interval '1 second' WHERE name = 'operation:two'`;
    const second = (await replicaB.acquire('operation:two'))!;
    expect(second.fence.token).toBeGreaterThan(first.fence.token);

    await expect(store.append([{ streamId: 'fenced-two', expectedVersion: 0, events: [event(2)] }], { ...context, fence: first.fence })).rejects.toBeInstanceOf(LeaseLostError);
    await store.append([{ streamId: 'fenced-two', expectedVersion: 0, events: [event(3)] }], { ...context, fence: second.fence });
    expect((await store.readStream('fenced-two')).map((recorded) => recorded.data)).toEqual([{ n: 1 }, { n: 3 }]);
    await pause(TTL_MS);
    expect(first.lost).toBe(true);
    expect(second.lost).toBe(false);
    await Promise.all([first.release(), second.release()]);
  });

  it('takes a lease at once from a replica of this machine whose process is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const gone = new PrismaWorkLeases(database.prisma, { holder: `${hostname()}:${dead}:dead`, ttlMs: 60_000 });
    const abandoned = (await gone.acquire('operation:three'))!;
    expect(await replicaA.heldAmong(['operation:three'])).toEqual(new Set());
    const taken = await replicaA.acquire('operation:three');
    expect(taken?.fence.token).toBe(abandoned.fence.token + 1n);
    await taken!.release();
  });
});
