import { randomUUID } from 'node:crypto';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { buildHostAgent, spawnHostAgent } from './built-agent';
import { collectReports, connection, removePrefix, segmentsFor } from './harness';

const prefix = `test-${randomUUID()}`;
let build: ReturnType<typeof buildHostAgent>;

beforeAll(() => {
  build = buildHostAgent();
});

afterAll(async () => {
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
  FAULT_INJECTION: '',
});

it('runs as a process: registers, serves commands, refuses fault injection, and stops cleanly on SIGTERM', async () => {
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
    const prepare = gateway.prepareSwitchover(hostId, {
      operationId: randomUUID(),
      epoch: 1,
      vmId,
      mode: 'legacy',
      targetVcpus: 2,
      targetMemoryMiB: 512,
      segments: segmentsFor(131072, 1),
      faultInjection: { segmentIndex: 0, failAttempts: 1, kind: 'throw' },
    });
    await expect(prepare).rejects.toMatchObject({ code: 'AGENT_FAULT_INJECTION_DISABLED' });
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

it('exits non-zero with a one-line message when Redis is unreachable', async () => {
  const agent = spawnHostAgent(build.main, { ...agentEnv('h-noredis'), REDIS_URL: 'redis://127.0.0.1:1' });
  const exit = await agent.exited;
  expect(exit.code).not.toBe(0);
  expect(exit.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/)]);
});
