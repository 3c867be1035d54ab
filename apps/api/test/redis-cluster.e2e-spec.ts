import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hostCommandsQueue, queueKeyPrefix } from '@fsr/contracts';
import { PrivateRedisCluster } from '@fsr/testing';
import { Redis } from 'ioredis';
import { diskContentHash } from './support/disk-content-hash';
import { heldByAgent, readModels, runningVm, startHotAdd, untilSwitchoverStarted } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

/**
 * The control plane and two agents on a Redis Cluster of three primaries (REDIS_CLUSTER_NODES): each host's
 * queues live on the shard of its hash tag, hot adds and a Storage vMotion run on it, and the primary that
 * serves a host restarted mid-switch-over (its shard down, then back empty) is survived as a Redis restart is.
 */
describe('on a Redis Cluster (e2e)', () => {
  let cluster: PrivateRedisCluster;
  let stack: TestStack;

  beforeAll(async () => {
    cluster = await PrivateRedisCluster.start();
    const nodes = { REDIS_CLUSTER_NODES: cluster.nodeList };
    stack = await TestStack.start({
      redisUrl: cluster.url,
      hosts: ['host-1', 'host-2'],
      env: { ...nodes, HOST_AGENT_TIMEOUT_MS: '120000', HEARTBEAT_TIMEOUT_MS: '6000' },
      agentEnv: nodes,
    });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await cluster?.stop();
  });

  it('keeps each host\'s queues on the shard of its hash tag', async () => {
    for (const hostId of ['host-1', 'host-2']) {
      const node = new Redis({ host: '127.0.0.1', port: await cluster.primaryOf(hostId), lazyConnect: true });
      await node.connect();
      const name = hostCommandsQueue(hostId);
      const keys = await node.keys(`${queueKeyPrefix(stack.queuePrefix, name)}:${name}:*`);
      node.disconnect();
      expect(keys.length).toBeGreaterThan(0);
    }
  });

  it('hot-adds on both hosts, and the projections equal a rebuild', async () => {
    const vms = await Promise.all(['host-1', 'host-2'].map((hostId) => runningVm(stack, hostId)));
    const operations = await Promise.all(vms.map((vm) => startHotAdd(stack, vm.id, { memoryMiB: 2048 })));
    for (const operationId of operations) expect((await stack.waitForOperation(operationId, 30_000)).state).toBe('succeeded');
    const before = await readModels(stack);
    await stack.http().post('/admin/projections/rebuild').expect(200);
    expect(await readModels(stack)).toEqual(before);
  }, 60_000);

  it('moves a running VM\'s disk to another datastore byte for byte', async () => {
    await stack.http().post('/datastores', { name: 'ds-far', capacityGiB: 10 }).expect(201);
    const spec = { name: 'svm-on-cluster', hostId: 'host-2', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, disks: [{ sizeMiB: 16 }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body;
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    const operationId: string = (await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds-far' }).expect(202)).body.operationId;

    const ended = await stack.waitForOperation(operationId, 60_000);
    expect({ state: ended.state, error: ended.error }).toEqual({ state: 'succeeded', error: undefined });
    const fileName: string = vm.disks[0].fileName;
    expect(await diskContentHash(join(stack.dataDir, 'datastores', 'ds-far', fileName))).toBe(ended.relocation.disks[0].blake3);
    expect(existsSync(join(stack.dataDir, 'datastores', 'ds1', fileName))).toBe(false);
  }, 90_000);

  it('records a stun that ran through a restart of its host\'s shard as the agent ended it', async () => {
    const vm = await runningVm(stack);
    await stack.injectSegmentFault(vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const operationId = await startHotAdd(stack, vm.id, { memoryMiB: 3072 });
    await untilSwitchoverStarted(stack, vm.id, operationId);

    await cluster.restartNode(await cluster.primaryOf('host-1'));

    const operation = await stack.waitForOperation(operationId, 60_000);
    expect(operation).toMatchObject({ state: 'succeeded', checksum: expect.any(String) });
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(3072 * 256);
    expect(memory.conflictingMpns).toBe(0);
    const after = await stack.waitForOperation(await startHotAdd(stack, vm.id, { memoryMiB: 4096 }), 30_000);
    expect(after.state).toBe('succeeded');
  }, 120_000);
});
