import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PrivateRedis } from '@fsr/testing';
import { diskContentHash } from './support/disk-content-hash';
import { eventually } from './support/eventually';
import { heldByAgent, hotAddCaughtInPrepare, runningVm, startHotAdd, untilSwitchoverStarted } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

/**
 * Fault 3: the stack's own Redis is killed and started again without persistence while operations run,
 * so every queued and active job vanishes. HOST_AGENT_TIMEOUT_MS is far above the waits below: an
 * operation ends in time only because its lost job is noticed, not because a command timed out.
 */
describe('Redis restarted without persistence during operations (e2e)', () => {
  let redis: PrivateRedis;
  let stack: TestStack;

  const events = async (vmId: string, operationId: string, type: string) =>
    (await stack.http('viewer').get(`/vms/${vmId}/history?type=${type}&operationId=${operationId}`)).body.items as { data: Record<string, unknown> }[];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await TestStack.start({
      redisUrl: redis.url,
      env: { HOST_AGENT_TIMEOUT_MS: '120000', HEARTBEAT_TIMEOUT_MS: '3000' },
    });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 });
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('records a stun that ran through the restart as the agent ended it', async () => {
    const vm = await runningVm(stack);
    await stack.injectSegmentFault(vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const operationId = await startHotAdd(stack, vm.id, { memoryMiB: 2048 });
    await untilSwitchoverStarted(stack, vm.id, operationId);

    await redis.restart();

    const operation = await stack.waitForOperation(operationId, 30_000);
    expect(operation).toMatchObject({ state: 'succeeded', checksum: expect.any(String) });
    expect((await stack.http().get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 2048, activeOperationId: null });
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(2048 * 256);
    expect(memory.conflictingMpns).toBe(0);
  }, 60_000);

  it('goes on with a Storage vMotion whose copy runs through the restart: asked again, the agent answers with the copy it kept, and the relocation succeeds byte for byte', async () => {
    await stack.http().post('/datastores', { name: 'ds-far', capacityGiB: 10 }).expect(201);
    const spec = { name: 'svm-through-restart', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, disks: [{ sizeMiB: 48 }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body;
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    const operationId: string = (await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds-far', maxCopyMiBps: 8 }).expect(202)).body.operationId;
    await eventually(
      () => stack.http('viewer').get(`/operations/${operationId}`),
      ({ body }) => body.progress?.done >= body.progress?.total * 0.2,
      { what: 'the copy at 20 %', timeoutMs: 30_000, intervalMs: 100 },
    );

    await redis.restart();

    const ended = await stack.waitForOperation(operationId, 60_000);
    expect({ state: ended.state, error: ended.error }).toEqual({ state: 'succeeded', error: undefined });
    const fileName: string = vm.disks[0].fileName;
    expect(await diskContentHash(join(stack.dataDir, 'datastores', 'ds-far', fileName))).toBe(ended.relocation.disks[0].blake3);
    expect(existsSync(join(stack.dataDir, 'datastores', 'ds1', fileName))).toBe(false);
  }, 90_000);

  it('prepares again when the prepare job vanished before the agent took it, and the hot-add succeeds', async () => {
    const vm = await runningVm(stack);
    const before = await heldByAgent(stack, vm.id);
    const operationId = await hotAddCaughtInPrepare(stack, vm.id, { memoryMiB: 3072 }, () => redis.restart());

    const operation = await stack.waitForOperation(operationId, 30_000);
    expect(operation).toMatchObject({ state: 'succeeded' });
    const [started] = await events(vm.id, operationId, 'operation.switchover-started');
    expect(started.data.epoch).toBe(2);
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(3072 * 256);
    expect(memory).toMatchObject({ freeMpns: before.memory.freeMpns - 2048 * 256, conflictingMpns: 0 });
  }, 60_000);

  it('keeps the host connected through an outage longer than the heartbeat timeout and serves operations after it', async () => {
    const vm = await runningVm(stack);
    await redis.restart(4000);

    const host = (await stack.http('viewer').get('/hosts/host-1')).body;
    expect(host.connectionState).toBe('connected');
    const operation = await stack.waitForOperation(await startHotAdd(stack, vm.id, { memoryMiB: 2048 }), 30_000);
    expect(operation.state).toBe('succeeded');
    const history = (await stack.http('viewer').get('/hosts/host-1/history?type=host.disconnected')).body.items;
    expect(history).toEqual([]);
  }, 60_000);
});
