import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createEmptyTestPostgresDatabase, freePort } from '@fsr/testing';
import { injectSegmentFault } from '../../apps/host-agent/test/faults/segment-fault';
import { Child } from '../support/child';
import { ApiClient, pollUntil } from '../support/http';
import { controlPlaneNodeOptions, deleteKeys, REDIS_URL } from '../support/stack';
import { Summary, summarize } from '../support/stats';

const DIST = resolve(__dirname, '../../apps');
const LEASE_TTL_MS = 5000;
const HOST_ID = 'takeover-host';

export interface TakeoverFigures {
  readonly measuredAt: string;
  readonly leaseTtlMs: number;
  /** SIGKILL: the new owner sees the driver's process gone and takes its lease at once. */
  readonly killed: { readonly takeoverMs: Summary; readonly stunMs: Summary };
  /** SIGSTOP: the driver's process lives on, so the new owner waits for its lease to run out. */
  readonly paused: { readonly takeoverMs: Summary; readonly stunMs: Summary };
}

/**
 * Two control-plane replicas and one agent on PostgreSQL; a hot add whose stun is held (a stalled segment),
 * then its driving replica SIGKILLed or SIGSTOPped. Takeover: from the signal to the other replica's first
 * step, its lease on the operation (a new token in work_leases). Stun: the switch-over that went on across it.
 */
export async function measureTakeover(runs: number): Promise<TakeoverFigures> {
  const database = await createEmptyTestPostgresDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'fsr-bench-takeover-'));
  const queuePrefix = `bench-takeover-${randomUUID()}`;
  const key = randomBytes(12).toString('hex');
  const env = { REDIS_URL, QUEUE_PREFIX: queuePrefix, DATA_DIR: dataDir };
  const planeEnv = { ...env, DATABASE_URL: database.url, HOST_AGENTS: '0', HTTPS_PORT: '0', API_KEYS: `admin:${key}`, LEASE_TTL_MS: String(LEASE_TTL_MS), LOG_LEVEL: 'error' };
  const ports = [await freePort(), await freePort()];
  const startPlane = (index: number) => new Child(`control plane ${index + 1}`, join(DIST, 'api/src/main.js'), { ...planeEnv, PORT: String(ports[index]) }, controlPlaneNodeOptions());
  const planes = [startPlane(0), startPlane(1)];
  const apis = ports.map((port) => new ApiClient(`http://127.0.0.1:${port}`, key));
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const redis = new Redis(REDIS_URL);
  // The test agent: the real one, whose segment copier takes the stall armed below.
  const agent = new Child('host agent', join(DIST, 'host-agent/test/faults/fault-injecting-agent.js'), { ...env, HOST_NAME: HOST_ID, HOST_MEMORY_MIB: '65536' });
  try {
    for (const api of apis) await pollUntil(() => api.request('GET', `/hosts/${HOST_ID}`), (r) => r.status === 200 && r.body.connectionState === 'connected', 'replicas and agent', 120_000, 200);
    await apis[0].expect(201, 'POST', '/datastores', { name: 'takeover', capacityGiB: 10 });
    const measure = async (run: number, signal: 'SIGKILL' | 'SIGSTOP') => {
      const via = apis[run % 2];
      const vm = await via.expect(201, 'POST', '/vms', { name: `takeover-${signal}-${run}`, hostId: HOST_ID, datastoreId: 'ds-takeover', vcpus: 4, memoryMiB: 1024, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] });
      await via.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'on' });
      await injectSegmentFault(redis, queuePrefix, vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
      const { operationId } = await via.expect(202, 'POST', `/vms/${vm.id}/hot-add`, { memoryMiB: 2048 });
      await pollUntil(() => via.request('GET', `/vms/${vm.id}/history?type=operation.switchover-started&operationId=${operationId}`), (r) => r.body.items?.length === 1, 'the stun to start');
      const lease = () => db.query<{ holder: string; token: string }>('SELECT holder, token FROM work_leases WHERE name = $1', [`operation:${operationId}`]).then((r) => r.rows[0]);
      const before = await lease();
      const driver = planes.findIndex((plane) => plane.pid === Number(before.holder.split(':')[1]));
      const signalledAt = performance.now();
      planes[driver].signal(signal);
      await pollUntil(lease, (now) => now.token !== before.token, 'the other replica to take the lease', 30_000, 2);
      const takeoverMs = performance.now() - signalledAt;
      if (signal === 'SIGSTOP') planes[driver].signal('SIGCONT');
      const survivor = apis[1 - driver];
      const ended = await pollUntil(() => survivor.request('GET', `/operations/${operationId}`), (r) => ['succeeded', 'failed', 'rolled-back'].includes(r.body.state), 'the operation to end', 60_000);
      if (ended.body.state !== 'succeeded') throw new Error(`operation ${operationId} ended ${ended.body.state}: ${JSON.stringify(ended.body.error)}`);
      if (signal === 'SIGKILL') {
        planes[driver] = startPlane(driver);
        await pollUntil(() => apis[driver].request('GET', '/hosts'), (r) => r.status === 200, 'the killed replica back', 60_000, 200);
      }
      return { takeoverMs, stunMs: ended.body.stunMs as number };
    };
    const figures = async (signal: 'SIGKILL' | 'SIGSTOP') => {
      const samples = [];
      for (let run = 0; run < runs; run++) samples.push(await measure(run, signal));
      return { takeoverMs: summarize(samples.map((s) => s.takeoverMs)), stunMs: summarize(samples.map((s) => s.stunMs)) };
    };
    const measuredAt = new Date().toISOString();
    return { measuredAt, leaseTtlMs: LEASE_TTL_MS, killed: await figures('SIGKILL'), paused: await figures('SIGSTOP') };
  } finally {
    await db.end();
    redis.disconnect();
    for (const child of [agent, ...planes]) await child.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    await deleteKeys(`${queuePrefix}:*`);
  }
}
