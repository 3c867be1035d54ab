import { waitForActiveCommand } from './support/agent-commands';
import { eventually } from './support/eventually';
import { REDIS_URL, TestStack } from './support/test-stack';

jest.setTimeout(60_000);

/** A killed agent back before its silence was noticed: the new instance's connect records the old one lost. */
describe('host agent restarted before the heartbeat timeout (e2e)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({
      env: { HEARTBEAT_TIMEOUT_MS: '600000', HOST_AGENT_TIMEOUT_MS: '5000' },
      agentEnv: { HOST_MEMORY_MIB: '2048', WORKER_THREADS: '1' },
    });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 });
  }, 60_000);
  afterAll(() => stack?.close());

  it('fails the stun the old instance was running with HOST_DISCONNECTED and powers off its VMs', async () => {
    const spec = { name: 'vm-1', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
    const vm = (await stack.http('operator').post('/vms', spec)).body as { id: string };
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' });
    await stack.injectSegmentFault(vm.id, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const { operationId } = (await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 512 })).body;
    await waitForActiveCommand(REDIS_URL, stack.queuePrefix, 'host-1', 'fsr.switch-over');

    await stack.agents.get('host-1')!.stop('SIGKILL');
    await stack.startAgent('host-1');

    expect(await stack.waitForOperation(operationId)).toMatchObject({ state: 'failed', error: { code: 'HOST_DISCONNECTED' } });
    const view = await eventually(() => stack.http().get(`/vms/${vm.id}`), (r) => r.body.powerState === 'poweredOff', { what: 'VM powered off' });
    expect(view.body).toMatchObject({ memoryMiB: 256, activeOperationId: null });
    expect((await stack.http().get('/hosts/host-1')).body).toMatchObject({ connectionState: 'connected', used: { memoryMiB: 0 } });
    const history = (await stack.http().get('/hosts/host-1/history?type=host.disconnected')).body.items as { data: { reason: string } }[];
    expect(history.map((item) => item.data.reason)).toEqual(['agent-restarted']);
  });
});
