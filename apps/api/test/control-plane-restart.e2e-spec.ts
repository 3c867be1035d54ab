import { eventually } from './support/eventually';
import { heldByAgent, hotAddCaughtInPrepare, runningVm, startHotAdd, untilSwitchoverStarted } from './support/fault-scenario';
import { KEYS, TestStack } from './support/test-stack';

/**
 * Fault 1: the control plane is SIGKILLed while an operation runs, then started again on the same
 * database and Redis. The host agent keeps running; recovery asks it what it holds.
 */
describe('control plane killed during an operation (e2e)', () => {
  let stack: TestStack;

  const restart = async () => {
    await stack.controlPlaneProcess.stop('SIGKILL');
    await stack.controlPlaneProcess.start();
  };

  beforeAll(async () => {
    stack = await TestStack.start({ controlPlane: 'process', env: { FAULT_INJECTION: 'enabled', LOG_LEVEL: 'info' } });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 });
  }, 90_000);
  afterAll(() => stack?.close());

  it('finishes a switch-over whose destination the agent resumed while the control plane was dead', async () => {
    const vm = await runningVm(stack);
    const operationId = await startHotAdd(stack, vm.id, { memoryMiB: 2048, faultInjection: { segmentIndex: 0, failAttempts: 1, kind: 'stall' } });
    await untilSwitchoverStarted(stack, vm.id, operationId);

    await restart();

    const operation = await stack.waitForOperation(operationId);
    expect(operation).toMatchObject({ state: 'succeeded', checksum: expect.any(String) });
    expect(operation.stunMs).toBeGreaterThan(0);
    expect((await stack.http().get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 2048, activeOperationId: null });
    const { memory, vm: held } = await heldByAgent(stack, vm.id);
    expect(held.pages).toBe(2048 * 256);
    expect(memory.conflictingMpns).toBe(0);
    const history = (await stack.http().get(`/vms/${vm.id}/history?operationId=${operationId}&type=operation.succeeded`)).body;
    expect(history.items[0].actor).toBe('system:recovery');
  }, 60_000);

  it('rolls back an operation caught before the switch-over: the destination is discarded, the source runs on', async () => {
    const vm = await runningVm(stack);
    const before = await heldByAgent(stack, vm.id);
    const operationId = await hotAddCaughtInPrepare(stack, vm.id, { memoryMiB: 2048 }, () => stack.controlPlaneProcess.stop('SIGKILL'));
    await stack.controlPlaneProcess.start();

    const operation = await stack.waitForOperation(operationId);
    expect(operation).toMatchObject({ state: 'rolled-back', error: { code: 'CONTROL_PLANE_RESTARTED' } });
    expect((await stack.http().get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 1024, powerState: 'poweredOn', activeOperationId: null });
    const after = await heldByAgent(stack, vm.id);
    expect(after.vm).toEqual(before.vm);
    expect(after.memory).toMatchObject({ freeMpns: before.memory.freeMpns, conflictingMpns: 0 });
    expect((await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 2048 })).status).toBe(202);
  }, 60_000);

  it('never writes a key to its log, wherever the key came in', async () => {
    const { url } = stack.controlPlaneProcess;
    await fetch(`${url}/api/v1/vms`, { headers: { Authorization: `Bearer ${KEYS.viewer}` } });
    await fetch(`${url}/api/v1/vms/none`, { headers: { Authorization: `Bearer ${KEYS.operator}` } });
    await fetch(`${url}/api/v1/events/stream?access_token=${KEYS.admin}`, { signal: AbortSignal.timeout(500) }).catch(() => undefined);
    await fetch(`${url}/api/v1/hosts`, { headers: { Cookie: `fsr_api_key=${KEYS.admin}` } });
    await fetch(`${url}/api/v1/vms`, { method: 'POST', headers: { Authorization: `Bearer ${KEYS.operator}`, 'content-type': 'application/json' }, body: '{' });

    const log = await eventually(
      async () => stack.controlPlaneProcess.output.join(''),
      (text) => text.includes('/api/v1/hosts') && text.includes('/api/v1/events/stream'),
      { what: 'the request log lines' },
    );
    expect(log).toContain('[Redacted]');
    for (const key of Object.values(KEYS)) expect(log).not.toContain(key);
  });
});
