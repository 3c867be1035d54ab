import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KEYS, TestStack } from '../support/test-stack';

jest.setTimeout(180_000);

const run = promisify(execFile);

/** Apache libcloud's VSphere_REST_NodeDriver, unmodified, against our legacy `/rest` dialect over HTTPS. */
describe('vSphere /rest dialect driven by libcloud (VSphere_REST_NodeDriver)', () => {
  let stack: TestStack;
  let out: Record<string, any>;
  let stderr: string;

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: ['host-1'], https: true });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 4 }).expect(201);
    const script = join(__dirname, 'libcloud', 'drive_vsphere.py');
    const result = await run('/usr/bin/python3', [script, String(stack.httpsPort), 'libcloud-user', KEYS.operator], { timeout: 150_000 }).catch(
      (error: Error & { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '{}', stderr: error.stderr ?? String(error) }),
    );
    stderr = result.stderr;
    out = JSON.parse(result.stdout || '{}');
  });

  afterAll(() => stack?.close());

  it('logs in and lists every kind of object', () => {
    expect({ session: out.session, stderr: stderr.slice(-2000) }).toEqual({ session: true, stderr: '' });
    expect(out.locations).toEqual([expect.objectContaining({ name: 'host-1', extra: { type: 'host', status: 'CONNECTED', state: 'POWERED_ON' } })]);
    expect(out.datacenters).toEqual([expect.objectContaining({ name: 'Datacenter' })]);
    expect(out.clusters).toEqual([expect.objectContaining({ cluster: 'domain-c8', name: 'Cluster' })]);
    expect(out.hosts).toEqual([expect.objectContaining({ name: 'host-1' })]);
    expect(out.folders).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'vm' })]));
    expect(out.datastores).toEqual([expect.objectContaining({ name: 'ds1' })]);
    expect(out.networks).toEqual([{ id: 'network-10', name: 'VM Network' }]);
  });

  it('creates a VM, reconfigures it powered off, starts it, and a powered-on CPU change without hot add is refused', async () => {
    expect(out.created).toMatchObject({ id: expect.stringMatching(/^vm-\d+$/), state: 'stopped', ram: 512, cpus: 2 });
    expect([out.cpu_powered_off, out.memory_powered_off, out.started]).toEqual([true, true, true]);
    expect(out.listed).toMatchObject({ id: out.created.id, state: 'running', ram: 1024, cpus: 4 });
    expect(out.cpu_hot_add_disabled.error).toMatch(/com\.vmware\.vapi\.std\.errors\.not_allowed_in_current_state/);
    expect(out.cpu_hot_add_disabled.error).toMatch(/CPU hot add/i);
  });

  it('suspends, resumes, reboots and destroys it', () => {
    expect(out).toMatchObject({ suspended: true, after_suspend: 'suspended', resumed: true, rebooted: true, destroyed: true, after_destroy: [] });
  });
});
