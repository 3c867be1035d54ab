import { heldByAgent } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

/** Issue 19: racing power commands left the host out of step with the record. The record and the host must agree. */
describe('power commands racing each other and operations (e2e)', () => {
  let stack: TestStack;
  let seq = 0;

  const newVm = async () => {
    const spec = { name: `race-${++seq}`, hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
    return (await stack.http('operator').post('/vms', spec).expect(201)).body as { id: string };
  };
  const power = (vmId: string, action: 'on' | 'off') => stack.http('operator').post(`/vms/${vmId}/power`, { action });
  const recordAndHost = async (vmId: string) => ({
    record: (await stack.http('viewer').get(`/vms/${vmId}`)).body.powerState,
    host: (await heldByAgent(stack, vmId)).vm ? 'poweredOn' : 'poweredOff',
  });

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
  }, 60_000);
  afterAll(() => stack?.close(), 30_000);

  it('three simultaneous power-ons: one powers the VM on, the others are refused and touch nothing', async () => {
    for (let round = 0; round < 3; round++) {
      const vm = await newVm();
      const answers = await Promise.all([power(vm.id, 'on'), power(vm.id, 'on'), power(vm.id, 'on')]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
      expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code).sort()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(VM_BUSY|VM_INVALID_POWER_STATE)$/)]),
      );
      expect(await recordAndHost(vm.id)).toEqual({ record: 'poweredOn', host: 'poweredOn' });
    }
  });

  it('a power-off racing a hot add: whichever wins, the refused one acts on nothing and the host agrees with the record', async () => {
    for (let round = 0; round < 4; round++) {
      const vm = await newVm();
      await power(vm.id, 'on').expect(200);
      const [hotAdd, off] = await Promise.all([
        stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 512 }),
        new Promise((resolve) => setTimeout(resolve, round * 3)).then(() => power(vm.id, 'off')),
      ]);
      if (hotAdd.status === 202) await stack.waitForOperation(hotAdd.body.operationId);
      if (off.status === 409) expect(off.body.code).toBe('VM_BUSY');
      const { record, host } = await recordAndHost(vm.id);
      expect(host).toBe(record);
      if (record === 'poweredOn') {
        const next = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 768 }).expect(202);
        expect((await stack.waitForOperation(next.body.operationId)).state).toBe('succeeded');
      }
    }
  });

  it('records the change, its intent first, in the history', async () => {
    const vm = await newVm();
    await power(vm.id, 'on').expect(200);
    const types = (await stack.http('viewer').get(`/vms/${vm.id}/history`)).body.items.map((item: { type: string }) => item.type);
    expect(types).toEqual(['vm.created', 'datastore.space-allocated', 'vm-name.reserved', 'vm.power-change-started', 'host.vm-memory-committed', 'vm.powered-on']);
  });
});
