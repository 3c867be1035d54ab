import { eventually } from '../support/eventually';
import { untilPhase } from '../support/fault-scenario';
import { TestStack } from '../support/test-stack';
import { VsphereClient } from './vsphere-client';

jest.setTimeout(120_000);

/**
 * vCenter answers a reconfigure or a relocate when its task has ended. These are the calls whose operation was
 * accepted and then did not succeed: the answer is the spec's error for how it ended, and the VM is as it was.
 */
describe('vSphere calls whose operation ends without succeeding', () => {
  let stack: TestStack;
  let client: VsphereClient;

  beforeAll(async () => {
    // A cancel waits for the stopped agent to drop its destination until the gateway gives up: 5 s here. A stopped
    // agent is recorded lost only after 15 s, so the cancel comes first however loaded the machine is.
    stack = await TestStack.start({ hosts: ['host-1', 'host-2'], env: { HOST_AGENT_TIMEOUT_MS: '5000', HEARTBEAT_TIMEOUT_MS: '15000' } });
    for (const name of ['ds1', 'ds2']) await stack.http().post('/datastores', { name, capacityGiB: 10 }).expect(201);
    client = await VsphereClient.login(stack, 'operator', 'ops@vsphere.local');
  });
  afterAll(() => stack?.close());

  async function vsphereIdOf(name: string): Promise<string> {
    const listed = await client.get(`/api/vcenter/vm?names=${name}`);
    expect(listed.status).toBe(200);
    return (listed.body as { vm: string }[])[0].vm;
  }

  /** A powered-on VM on ds1 with CPU and memory hot add enabled, by its id in both APIs. */
  async function runningVm(name: string, hostId: string): Promise<{ id: string; moid: string }> {
    const spec = { name, hostId, datastoreId: 'ds-ds1', vcpus: 4, memoryMiB: 1024, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 4 }] };
    const created = (await stack.http('operator').post('/vms', spec).expect(201)).body as { id: string };
    await stack.http('operator').post(`/vms/${created.id}/power`, { action: 'on' }).expect(200);
    return { id: created.id, moid: await vsphereIdOf(name) };
  }

  /** The operation our own API shows for the VM once it is in `phase`. */
  async function operationIn(vmId: string, phase: string): Promise<string> {
    const listed = await eventually(
      () => stack.http('viewer').get(`/operations?vmId=${vmId}`),
      (response) => Array.isArray(response.body) && (response.body as { state: string }[]).some((operation) => operation.state === 'running'),
      { what: `an operation of ${vmId}` },
    );
    const operationId = (listed.body as { id: string; state: string }[]).find((operation) => operation.state === 'running')!.id;
    await untilPhase(stack, operationId, phase);
    return operationId;
  }

  it('answers a CPU PATCH whose hot add was cancelled in its prepare with CANCELED, and the VM keeps its vCPUs', async () => {
    const vm = await runningVm('cancelled-cpu', 'host-1');
    const moid = vm.moid;
    const agent = stack.agents.get('host-1')!;

    agent.signal('SIGSTOP');
    let patch;
    try {
      patch = client.patch(`/api/vcenter/vm/${moid}/hardware/cpu`, { count: 8 }).then((response) => response);
      const operationId = await operationIn(vm.id, 'prepare');
      expect((await stack.http('operator').post(`/operations/${operationId}/cancel`, {})).status).toBe(200);
    } finally {
      agent.signal('SIGCONT');
    }
    const answer = await patch;

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_type: 'CANCELED', messages: [expect.objectContaining({ id: 'fsr.operation_cancelled' })] });
    const cpu = await client.get(`/api/vcenter/vm/${moid}/hardware/cpu`);
    expect(cpu.body.count).toBe(4);
  });

  it('answers a relocate whose source host was lost with the failure the operation recorded, as a task too', async () => {
    const vm = await runningVm('lost-relocation', 'host-2');
    const moid = vm.moid;
    const datastores = (await client.get('/api/vcenter/datastore?names=ds2')).body as { datastore: string }[];
    const agent = stack.agents.get('host-2')!;

    agent.signal('SIGSTOP');
    let operationId: string;
    let taskId: string;
    try {
      const accepted = await client.post(`/api/vcenter/vm/${moid}?action=relocate&vmw-task=true`, { placement: { datastore: datastores[0].datastore } });
      expect(accepted.status).toBe(202);
      taskId = accepted.body as string;
      operationId = await operationIn(vm.id, 'disk-copy');
    } finally {
      await agent.stop('SIGKILL');
    }

    const ended = await stack.waitForOperation(operationId);
    expect(ended.state).toBe('failed');
    const task = await eventually(
      () => client.get(`/api/cis/tasks/${taskId}`),
      (response) => response.body.status === 'FAILED',
      { what: 'the task to fail' },
    );
    expect(task.body.error).toContain(ended.error.message);
    const disks = (await stack.http().get(`/vms/${vm.id}`)).body.disks as { datastoreId: string }[];
    expect(disks.every((disk) => disk.datastoreId === 'ds-ds1')).toBe(true);
  });
});
