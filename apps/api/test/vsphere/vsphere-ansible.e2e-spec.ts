import { join } from 'node:path';
import { KEYS, TestStack } from '../support/test-stack';
import { PlaybookRun, runPlaybook } from './ansible-runner';

jest.setTimeout(300_000);

const PLAYBOOKS = join(__dirname, 'ansible');
const VM_NAME = 'ansible-web';

/** Ansible's vmware.vmware_rest collection, unmodified, against our vSphere API over HTTPS. */
describe('vSphere API driven by ansible-playbook (vmware.vmware_rest)', () => {
  let stack: TestStack;
  let env: Record<string, string>;
  let first: PlaybookRun;
  let ourVmId: string;

  const result = (run: PlaybookRun, task: string) => {
    const found = run.tasks.get(task);
    if (!found) throw new Error(`no task "${task}" ran:\n${run.output.slice(-4000)}`);
    return found as Record<string, any>;
  };
  const operations = async (kind: string) =>
    (await stack.http('viewer').get(`/operations?vmId=${ourVmId}&kind=${kind}`)).body as Record<string, any>[];

  beforeAll(async () => {
    // The relocation's copy is slowed (RelocateSpec has no bandwidth of its own) so that a task can be cancelled during it.
    stack = await TestStack.start({ hosts: ['host-1'], https: true, env: { VSPHERE_RELOCATE_MAX_COPY_MIBPS: '16' } });
    for (const name of ['ds1', 'ds2']) await stack.http().post('/datastores', { name, capacityGiB: 4 }).expect(201);
    env = {
      VMWARE_HOST: `127.0.0.1:${stack.httpsPort}`,
      VMWARE_USER: 'ansible-operator@vsphere.local',
      VMWARE_PASSWORD: KEYS.operator,
      VMWARE_VALIDATE_CERTS: 'no',
    };
    first = await runPlaybook(join(PLAYBOOKS, 'inventory-and-hot-add.yml'), env, { vm_name: VM_NAME });
    const ours = (await stack.http('viewer').get('/vms')).body as { id: string; name: string }[];
    ourVmId = ours.find((vm) => vm.name === VM_NAME)?.id ?? '';
  });

  afterAll(() => stack?.close());

  it('runs the whole first playbook; only the decrease fails, as it should (ignore_errors)', () => {
    expect({ failed: first.failedTasks, exitCode: first.exitCode }).toEqual({ failed: ['a decrease is refused'], exitCode: 0 });
  });

  it('lists and gets every kind of inventory object', () => {
    expect(result(first, 'datacenters').value).toEqual([{ datacenter: 'datacenter-3', name: 'Datacenter' }]);
    expect(result(first, 'one datacenter').value).toMatchObject({ name: 'Datacenter', vm_folder: 'group-v4', host_folder: 'group-h5' });
    expect(result(first, 'one cluster').value).toEqual({ name: 'Cluster', resource_pool: 'resgroup-9' });
    expect(result(first, 'folders').value).toEqual([{ folder: 'group-v4', name: 'vm', type: 'VIRTUAL_MACHINE' }]);
    expect(result(first, 'one resource pool').value).toMatchObject({ name: 'Resources' });
    expect(result(first, 'hosts').value).toEqual([expect.objectContaining({ name: 'host-1', connection_state: 'CONNECTED', host: expect.stringMatching(/^host-\d+$/) })]);
    expect(result(first, 'datastores').value.map((ds: { name: string }) => ds.name).sort()).toEqual(['ds1', 'ds2']);
    expect(result(first, 'one datastore').value).toMatchObject({ type: 'VMFS', accessible: true });
    expect(result(first, 'networks').value).toEqual([{ network: 'network-10', name: 'VM Network', type: 'STANDARD_PORTGROUP' }]);
  });

  it('creates the VM where the moid lookups placed it, and finds it by its path', () => {
    const vm = result(first, 'create the VM, placed with the moid lookups');
    expect(vm).toMatchObject({ changed: true, id: expect.stringMatching(/^vm-\d+$/) });
    expect(result(first, 'the VM by its moid lookup').ansible_facts.vm_moid).toBe(vm.id);
    expect(result(first, 'the datacenter and host by their moid lookups').ansible_facts).toEqual({
      datacenter_moid: 'datacenter-3',
      host_moid: result(first, 'hosts').value[0].host,
    });
    const info = result(first, 'get the VM').value;
    expect(info).toMatchObject({ name: VM_NAME, guest_OS: 'OTHER_LINUX_64', cpu: { count: 2, hot_add_enabled: true }, memory: { size_MiB: 512 } });
    expect(Object.values(info.disks)).toEqual([expect.objectContaining({ capacity: 32 * 1024 * 1024, backing: { type: 'VMDK_FILE', vmdk_file: expect.stringMatching(/^\[ds1\] ansible-web\/.+\.vmdk$/) } })]);
    expect(result(first, 'list it by name').value).toEqual([expect.objectContaining({ vm: vm.id, name: VM_NAME })]);
  });

  it('powers it on once: a second start is ALREADY_IN_DESIRED_STATE, which the collection takes as success', () => {
    // The collection never reports `changed` for a power action, whatever vCenter answers.
    expect(result(first, 'power on')).toMatchObject({ value: {} });
    expect(result(first, 'power on').failed).toBeFalsy();
    expect(result(first, 'power on again changes nothing')).toMatchObject({ changed: false, value: { error_type: 'ALREADY_IN_DESIRED_STATE' } });
    expect(result(first, 'power on again changes nothing').failed).toBeFalsy();
    expect(result(first, 'power state').value).toEqual({ state: 'POWERED_ON' });
  });

  it('hot-adds CPUs and memory, each a real FSR switch-over with its stun, by the Ansible user', async () => {
    expect(result(first, 'hot add CPUs').changed).toBe(true);
    expect(result(first, 'hot add memory').changed).toBe(true);
    expect(result(first, 'CPUs after').value).toMatchObject({ count: 4 });
    expect(result(first, 'memory after').value).toMatchObject({ size_MiB: 1024 });
    const hotAdds = await operations('hot-add');
    expect(hotAdds).toHaveLength(2);
    for (const operation of hotAdds) {
      expect(operation).toMatchObject({ state: 'succeeded', mode: 'distributed' });
      expect(operation.stunMs).toBeGreaterThan(0);
    }
    const history = (await stack.http('viewer').get(`/vms/${ourVmId}/history?limit=200`)).body.items as { type: string; actor: string }[];
    expect(history.find((item) => item.type === 'vm.operation-started')?.actor).toMatch(/^ansible-operator@vsphere\.local \(operator:[0-9a-f]{8}\)$/);
  });

  it('refuses a CPU decrease of the powered-on VM with NOT_ALLOWED_IN_CURRENT_STATE, changing nothing', async () => {
    const decrease = result(first, 'a decrease is refused');
    expect(decrease.failed).toBe(true);
    expect(decrease.value).toMatchObject({ error_type: 'NOT_ALLOWED_IN_CURRENT_STATE', messages: [{ default_message: expect.stringMatching(/from 4 to 2 vCPUs/) }] });
    expect((await stack.http('viewer').get(`/vms/${ourVmId}`)).body.vcpus).toBe(4);
  });

  describe('then, while the guest writes', () => {
    let second: PlaybookRun;

    beforeAll(async () => {
      await stack.http('operator').post(`/vms/${ourVmId}/workload`, { diskWriteMiBps: 20 }).expect(200);
      second = await runPlaybook(join(PLAYBOOKS, 'relocate-tasks-delete.yml'), env, { vm: result(first, 'create the VM, placed with the moid lookups').id, vm_name: VM_NAME });
    });

    it('runs the second playbook without a failed task', () => {
      expect({ failed: second.failedTasks, exitCode: second.exitCode }).toEqual({ failed: [], exitCode: 0 });
    });

    it('relocates to ds2 as a task followed to SUCCEEDED: a Storage vMotion with mirrored writes and a stun', async () => {
      const task = result(second, 'follow the task to its end').json;
      expect(task).toMatchObject({ status: 'SUCCEEDED', service: 'com.vmware.vcenter.vm', operation: 'relocate', progress: { completed: 100, total: 100 } });
      expect(task.user).toMatch(/^ansible-operator@vsphere\.local/);
      const [cancelled, relocated] = await operations('relocate');
      expect(relocated).toMatchObject({ id: result(second, 'relocate to ds2 as a task').json, state: 'succeeded', relocation: { cold: false } });
      expect(relocated.stunMs).toBeGreaterThan(0);
      expect(relocated.relocation.mirroredWrites).toBeGreaterThan(0);
      expect(cancelled).toMatchObject({ id: result(second, 'relocate back to ds1 as a task').json, state: 'cancelled' });
    });

    it('cancels the second relocation: its task FAILED with a message saying so; the list shows both', () => {
      expect(result(second, 'the cancelled task ends').json).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/cancelled/) });
      const listed = result(second, 'both tasks in the list').json;
      expect(Object.keys(listed).sort()).toEqual([result(second, 'relocate to ds2 as a task').json, result(second, 'relocate back to ds1 as a task').json].sort());
    });

    it('deletes the VM', async () => {
      expect(result(second, 'delete the VM').changed).toBe(true);
      expect(result(second, 'it is gone').value).toEqual([]);
      expect((await stack.http('viewer').get(`/vms/${ourVmId}`)).status).toBe(404);
    });
  });
});
