import { randomUUID } from 'node:crypto';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { buildHostAgent, spawnHostAgent } from './built-agent';
import { Redis } from 'ioredis';
import { injectSegmentFault, segmentFaultKey } from './faults/segment-fault';
import { collectReports, connection, removePrefix, segmentsFor } from './harness';

const prefix = `test-${randomUUID()}`;
let build: ReturnType<typeof buildHostAgent>;
let redis: Redis;

beforeAll(() => {
  build = buildHostAgent();
  redis = new Redis(connection);
});

afterAll(async () => {
  redis.disconnect();
  await build.remove();
  await removePrefix(prefix);
});

const agentEnv = (hostId: string) => ({
  HOST_NAME: hostId,
  QUEUE_PREFIX: prefix,
  HOST_MEMORY_MIB: '8192',
  WORKER_THREADS: '2',
  HEARTBEAT_INTERVAL_MS: '200',
  COPY_RATE_SAMPLE_PFRAMES: String(1 << 20),
});

it('runs as a process: registers, serves commands, takes no test fault, and stops cleanly on SIGTERM', async () => {
  const hostId = `h-${randomUUID().slice(0, 8)}`;
  const reports = collectReports(prefix);
  const gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 10_000 });
  const agent = spawnHostAgent(build.main, agentEnv(hostId));
  try {
    const started = await reports.waitFor('agent.started', hostId, 20_000);
    expect(started.vms).toEqual([]);
    await reports.waitFor('agent.heartbeat', hostId);

    const vmId = `vm-${randomUUID()}`;
    expect(await gateway.powerOn(hostId, { vmId, vcpus: 2, memoryMiB: 512, disks: [] })).toEqual({ pages: 131072 });
    // Faults are for test agents only: the agent the product runs leaves one armed for its VM untouched.
    await injectSegmentFault(redis, prefix, vmId, { segmentIndex: 0, failAttempts: 1, kind: 'throw' });
    const switched = randomUUID();
    await gateway.prepareSwitchover(hostId, { operationId: switched, epoch: 1, vmId, mode: 'legacy', targetVcpus: 2, targetMemoryMiB: 512, segments: segmentsFor(131072, 1) });
    const result = await gateway.executeSwitchover(hostId, switched, 1);
    expect(result).toMatchObject({ outcome: 'switched-over', segments: [{ index: 0, attempts: 1 }] });
    expect(await redis.exists(segmentFaultKey(prefix, vmId))).toBe(1);
    const plan = { epoch: 1, vmId, mode: 'distributed' as const, targetVcpus: 2, targetMemoryMiB: 1024 };
    await gateway.prepareSwitchover(hostId, { ...plan, operationId: randomUUID(), segments: segmentsFor(131072, 2) });

    // The prepared switch-over holds armed segment jobs: stopping must release them, not wait for its TTL.
    agent.kill('SIGTERM');
    const exit = await agent.exited;
    expect(exit.code).toBe(0);
    const stopping = await reports.waitFor('agent.stopping', hostId);
    expect(stopping.agentInstanceId).toBe(started.agentInstanceId);
  } finally {
    agent.kill('SIGKILL');
    await gateway.close();
    await reports.close();
  }
});

it('carries several hosts in one process: each registers and serves on its own, and all stop on SIGTERM', async () => {
  const hostIds = [1, 2, 3].map((n) => `h${n}-${randomUUID().slice(0, 6)}`);
  const reports = collectReports(prefix);
  const gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 10_000 });
  const agent = spawnHostAgent(build.main, { ...agentEnv(hostIds[0]), HOST_NAMES: hostIds.join(',') });
  try {
    const started = await Promise.all(hostIds.map((hostId) => reports.waitFor('agent.started', hostId, 20_000)));
    expect(new Set(started.map((report) => report.agentInstanceId)).size).toBe(3);
    for (const [index, hostId] of hostIds.entries()) {
      await gateway.powerOn(hostId, { vmId: `vm-${index}`, vcpus: 1, memoryMiB: 16 * (index + 1), disks: [] });
    }
    const held = await Promise.all(hostIds.map((hostId) => gateway.inspectMemory(hostId)));
    expect(held.map((memory) => memory.vms.map((vm) => vm.pages))).toEqual([[4096], [8192], [12288]]);

    agent.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
    const stopping = await Promise.all(hostIds.map((hostId) => reports.waitFor('agent.stopping', hostId)));
    expect(stopping.map((report) => report.agentInstanceId)).toEqual(started.map((report) => report.agentInstanceId));
  } finally {
    agent.kill('SIGKILL');
    await gateway.close();
    await reports.close();
  }
});

it('refuses HOST_NAMES that name a host twice, with a one-line message', async () => {
  const exit = await spawnHostAgent(build.main, { ...agentEnv('h-x'), HOST_NAMES: 'h-a,h-b,h-a' }).exited;
  expect(exit.code).not.toBe(0);
  expect(exit.stderr.trim()).toBe('[host-agent] invalid host agent configuration: HOST_NAMES names a host twice');
});

it('exits non-zero with a one-line message when Redis is unreachable', async () => {
  const agent = spawnHostAgent(build.main, { ...agentEnv('h-noredis'), REDIS_URL: 'redis://127.0.0.1:1' });
  const exit = await agent.exited;
  expect(exit.code).not.toBe(0);
  expect(exit.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/)]);
});
