import { randomUUID } from 'node:crypto';
import { bullOptionsFor, pframePartitionQueue } from '@fsr/contracts';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { HostAgent } from '../src/host-agent';
import { connection, removePrefix, segmentsFor } from './harness';
import { startTestAgent } from './in-process-agent';

const prefix = `test-${randomUUID()}`;
let agent: HostAgent;
let gateway: BullMqHostAgentGateway;
let redis: Redis;

beforeAll(async () => {
  agent = await startTestAgent(prefix, { HOST_MEMORY_MIB: String(8 * 1024) });
  gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 20_000 });
  redis = new Redis(connection);
});

afterAll(async () => {
  await gateway.close();
  await agent.stop();
  await redis.quit();
  await removePrefix(prefix);
});

/** Connections this test's agent and gateway hold: every one is named after the test's prefix. */
async function connectionsOfThisTest(): Promise<string[]> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(`${prefix}:`));
}

async function hotAdd(vcpus: number): Promise<number> {
  const vmId = `vm-${randomUUID()}`;
  await gateway.powerOn(agent.hostId, { vmId, vcpus, memoryMiB: 512, disks: [] });
  const pages = (await gateway.inspectMemory(agent.hostId)).vms.find((vm) => vm.vmId === vmId)!.pages;
  const operationId = randomUUID();
  await gateway.prepareSwitchover(agent.hostId, {
    operationId,
    epoch: 1,
    vmId,
    mode: 'distributed',
    targetVcpus: vcpus,
    targetMemoryMiB: 1024,
    segments: segmentsFor(pages, vcpus),
  });
  const result = await gateway.executeSwitchover(agent.hostId, operationId, 1);
  if (result.outcome !== 'switched-over') throw new Error(`hot add of ${vcpus} vCPUs ended ${result.outcome}`);
  return result.segments.length;
}

it('holds as many Redis connections after a 48-vCPU hot add as after a 2-vCPU one', async () => {
  expect(await hotAdd(2)).toBe(2);
  const afterTwo = await connectionsOfThisTest();

  expect(await hotAdd(48)).toBe(48);
  const afterFortyEight = await connectionsOfThisTest();

  const lastPartition = new Queue(pframePartitionQueue(agent.hostId, 47), bullOptionsFor(pframePartitionQueue(agent.hostId, 47), { connection, prefix }));
  expect(await lastPartition.getJobCountByTypes('completed')).toBe(1);
  await lastPartition.close();
  expect(afterFortyEight.sort()).toEqual(afterTwo.sort());
  expect(afterTwo).toContain(`${prefix}:host-agent:${agent.hostId}`);
});
