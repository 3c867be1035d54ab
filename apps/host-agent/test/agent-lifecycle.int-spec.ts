import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bullOptionsFor, agentsLastSeenKey, hostCommandsQueue, HostAgentRejectedError, HostAgentUnavailableError } from '@fsr/contracts';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { HostAgent } from '../src/host-agent';
import { collectReports, connection, eventually, REDIS_URL, removePrefix, segmentsFor } from './harness';
import { startTestAgent } from './in-process-agent';

const prefix = `test-${randomUUID()}`;
let agent: HostAgent;
let gateway: BullMqHostAgentGateway;
let reports: ReturnType<typeof collectReports>;
let diskDir: string;

beforeAll(async () => {
  reports = collectReports(prefix);
  agent = await startTestAgent(prefix, { HOST_MEMORY_MIB: '16384', HOST_CPU_CORES: '48', NUMA_NODES: '4' });
  gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 10_000 });
  diskDir = await mkdtemp(join(tmpdir(), 'fsr-disks-'));
});

afterAll(async () => {
  await gateway.close();
  await agent.stop();
  await reports.close();
  await removePrefix(prefix);
  await rm(diskDir, { recursive: true, force: true });
});

it('reports agent.started with its measured capacity, then heartbeats', async () => {
  const started = await reports.waitFor('agent.started', agent.hostId);
  expect(started).toMatchObject({ agentInstanceId: agent.agentInstanceId, vms: [], capacity: { cpuCores: 48, numaNodes: 4, memoryMiB: 16384, workerThreads: 2 } });
  expect(started.capacity.pframesPerSecondPerThread).toBeGreaterThan(0);
  await eventually(() => (reports.reports.filter((r) => r.type === 'agent.heartbeat').length >= 2 ? true : undefined));
});

it('marks itself heard in Redis, by Redis\'s clock, with every heartbeat: no control plane needs to read a report for it', async () => {
  const redis = new Redis(REDIS_URL);
  try {
    const heardAt = async () => Number(await redis.hget(agentsLastSeenKey(prefix), agent.agentInstanceId));
    const first = await heardAt();
    expect(first).toBeGreaterThan(0);
    let later = first;
    for (let waited = 0; later === first && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      later = await heardAt();
    }
    const [seconds] = await redis.time();
    expect(later).toBeGreaterThan(first);
    expect(Math.abs(Number(seconds) * 1000 - later)).toBeLessThan(5_000);
  } finally {
    redis.disconnect();
  }
});

it('answers refusals with their agent code and missing hosts as unavailable', async () => {
  const vmId = `vm-${randomUUID()}`;
  await expect(gateway.powerOn(agent.hostId, { vmId, vcpus: 2, memoryMiB: 32768, disks: [] })).rejects.toMatchObject({
    constructor: HostAgentRejectedError,
    code: 'AGENT_OUT_OF_MPNS',
    kind: 'conflict',
  });
  await expect(gateway.setWorkload(agent.hostId, { vmId, workload: null, disks: [] })).rejects.toMatchObject({
    code: 'AGENT_VM_NOT_FOUND',
  });
  const impatient = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 300 });
  await expect(impatient.inspectMemory('no-such-host')).rejects.toBeInstanceOf(HostAgentUnavailableError);
  await impatient.close();
  const unanswered = new Queue(hostCommandsQueue('no-such-host'), bullOptionsFor(hostCommandsQueue('no-such-host'), { connection, prefix }));
  expect(await unanswered.getWaitingCount()).toBe(0);
  await unanswered.close();
});

it('powers on idempotently and creates and deletes sparse disks', async () => {
  const vmId = `vm-${randomUUID()}`;
  const first = await gateway.powerOn(agent.hostId, { vmId, vcpus: 2, memoryMiB: 1024, disks: [] });
  const again = await gateway.powerOn(agent.hostId, { vmId, vcpus: 2, memoryMiB: 1024, disks: [] });
  expect(again).toEqual(first);
  const disk = { diskId: 'd1', path: join(diskDir, 'nested', 'd1.vmdk'), sizeMiB: 64 };
  await gateway.createDisks(agent.hostId, { vmId, disks: [disk] });
  const file = await stat(disk.path);
  expect(file.size).toBe(64 * 1024 * 1024);
  expect(file.blocks * 512).toBeLessThan(file.size);
  await gateway.deleteDisks(agent.hostId, { vmId, disks: [disk] });
  await expect(stat(disk.path)).rejects.toThrow(/ENOENT/);
  await gateway.powerOff(agent.hostId, vmId);
});

it('runs the guest workload across a switch-over: pages keep moving, disks keep being written', async () => {
  const vmId = `vm-${randomUUID()}`;
  const disk = { diskId: 'd1', path: join(diskDir, `${vmId}.vmdk`), sizeMiB: 16 };
  await gateway.createDisks(agent.hostId, { vmId, disks: [disk] });
  await gateway.powerOn(agent.hostId, { vmId, vcpus: 4, memoryMiB: 1024, disks: [disk] });
  await gateway.setWorkload(agent.hostId, { vmId, workload: { diskWriteMiBps: 40, pageRemapsPerSec: 5000 }, disks: [disk] });
  const vm = agent.context.vms.get(vmId)!;
  await eventually(() => (vm.workload.stats.chunksWritten > 0 && vm.workload.stats.remaps > 0 ? true : undefined));

  const operationId = randomUUID();
  const segments = segmentsFor(vm.pages, 4);
  await gateway.prepareSwitchover(agent.hostId, { operationId, epoch: 1, vmId, mode: 'distributed', targetVcpus: 4, targetMemoryMiB: 2048, segments });
  const result = await gateway.executeSwitchover(agent.hostId, operationId, 1);
  expect(result.outcome).toBe('switched-over');

  const remapsAfterSwitch = vm.workload.stats.remaps;
  const writesAfterSwitch = vm.workload.stats.chunksWritten;
  await eventually(() => (vm.workload.stats.remaps > remapsAfterSwitch && vm.workload.stats.chunksWritten > writesAfterSwitch ? true : undefined));
  const inspection = await gateway.inspectMemory(agent.hostId);
  expect(inspection.conflictingMpns).toBe(0);
  expect(inspection.vms.find((v) => v.vmId === vmId)?.pages).toBe(vm.pages);
  expect(vm.pages).toBe(2048 * 256);
  const content = await readFile(disk.path);
  const MIB = 1024 * 1024;
  expect(content.readUInt32LE(MIB) % 16).toBe(1);
  expect(content[MIB + 100]).toBe(content.readUInt32LE(MIB) & 0xff);
  expect(vm.workload.stats.lastError).toBeNull();
  await gateway.powerOff(agent.hostId, vmId);
  expect((await gateway.inspectMemory(agent.hostId)).freeMpns).toBe(inspection.totalMpns);
});
