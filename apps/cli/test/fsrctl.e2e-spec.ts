import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { baseUrlOf } from '../../api/test/support/base-url';
import { KEYS, TestStack } from '../../api/test/support/test-stack';

const CLI = resolve(__dirname, '../../../dist/apps/cli/src/main.js');
const run = promisify(execFile);

/** fsrctl as an operator runs it: a child process against a real control plane and host agent. */
describe('fsrctl (e2e)', () => {
  let stack: TestStack;
  const fsrctl = async (args: string[], key = KEYS.operator) => {
    const env = { ...process.env, FSR_API_URL: baseUrlOf(stack), FSR_API_KEY: key };
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const json = async (args: string[]) => {
    const answer = await fsrctl([...args, '--json']);
    expect({ code: answer.code, stderr: answer.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(answer.stdout);
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 4 }).expect(201);
    await stack.http().post('/datastores', { name: 'ds2', capacityGiB: 4 }).expect(201);
  }, 90_000);
  afterAll(() => stack?.close());

  it('lists hosts and datastores as tables, and as JSON for scripts', async () => {
    const hosts = await fsrctl(['hosts']);
    expect(hosts.stdout).toMatch(/^HOST\s+STATE\s+MEMORY\s+CORES\s+VMS\nhost-1\s+connected\s+0 MiB \/ 64 GiB\s+\d+\s+0$/m);
    expect((await json(['datastores'])).map((datastore: { name: string }) => datastore.name)).toEqual(['ds1', 'ds2']);
  });

  it('creates a VM, powers it on by name, hot-adds with a live progress line and ends with its stun', async () => {
    const created = await json(['vm', 'create', 'cli-vm', '--host', 'host-1', '--datastore', 'ds-ds1', '--vcpus', '2', '--memory', '1024', '--cpu-hot-add', '--memory-hot-add']);
    expect(created).toMatchObject({ name: 'cli-vm', powerState: 'poweredOff' });
    expect((await fsrctl(['vm', 'power', 'cli-vm', 'on'])).stdout).toBe('cli-vm is poweredOn\n');
    const preview = await fsrctl(['vm', 'hot-add', 'cli-vm', '--vcpus', '4', '--dry-run']);
    // One segment per running vCPU: the two the VM has.
    expect(preview.stdout).toMatch(/^disruption fsr, predicted stun [\d.]+ ms over 2 segment\(s\) \(from the copy rate the host measured at start-up\)$/m);

    const hotAdd = await fsrctl(['vm', 'hot-add', 'cli-vm', '--vcpus', '4', '--memory', '2048']);
    expect(hotAdd.code).toBe(0);
    const lines = hotAdd.stdout.trim().split('\n');
    expect(lines.at(-2)).toMatch(/^\[#{30}\] 100%  \d+\/\d+ pframes  /);
    expect(lines.at(-1)).toMatch(/^hot-add [0-9a-f-]{36} succeeded, distributed mode, stun [\d.]+ ms \(predicted [\d.]+ ms, SLA 1000 ms\)$/);
    expect((await stack.http('viewer').get(`/vms/${created.id}`)).body).toMatchObject({ vcpus: 4, memoryMiB: 2048 });
  }, 60_000);

  it('prints the API\'s warnings after a create and a dry run: CPU hot add disables vNUMA on a VM wider than a NUMA node', async () => {
    // host-1 runs on the agent's defaults: 64 cores in 2 NUMA nodes of 32.
    const created = await fsrctl(['vm', 'create', 'wide-cli-vm', '--host', 'host-1', '--datastore', 'ds-ds1', '--vcpus', '40', '--memory', '512', '--cpu-hot-add']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created VM wide-cli-vm \(.+\), powered off\nwarning VNUMA_DISABLED_BY_CPU_HOT_ADD: CPU hot add disables vNUMA: the VM's 40 vCPUs span more than one NUMA node of host-1 \(32 cores per node\)/);
    const preview = await fsrctl(['vm', 'hot-add', 'wide-cli-vm', '--vcpus', '48', '--dry-run']);
    expect(preview.stdout).toMatch(/^warning VNUMA_DISABLED_BY_CPU_HOT_ADD: .*the VM's 48 vCPUs/m);
  });

  it('relocates with the copy\'s progress in bytes and its rate, and lists the VM\'s history newest first', async () => {
    const relocation = await fsrctl(['vm', 'relocate', 'cli-vm', '--datastore', 'ds-ds2', '--max-copy-mibps', '64']);
    expect(relocation.code).toBe(0);
    expect(relocation.stdout).toMatch(/\] 100%  [\d.]+\/[\d.]+ MiB  [\d.]+ MiB\/s  /);
    expect(relocation.stdout.trim().split('\n').at(-1)).toMatch(/^relocate [0-9a-f-]{36} succeeded, distributed mode, stun [\d.]+ ms .*guest writes mirrored$/);
    const history: { position: string; type: string }[] = await json(['vm', 'history', 'cli-vm', '--limit', '5']);
    expect(history.map((item) => item.type)).toContain('vm.operation-ended');
    expect(history.map((item) => BigInt(item.position))).toEqual(history.map((item) => BigInt(item.position)).sort((a, b) => (a > b ? -1 : 1)));
    const operations = await json(['ops', '--vm', 'cli-vm']);
    expect(operations.map((op: { kind: string; state: string }) => `${op.kind} ${op.state}`)).toEqual(['relocate succeeded', 'hot-add succeeded']);
    expect((await json(['ops', 'watch', operations[0].id])).state).toBe('succeeded');
  }, 60_000);

  it('says what went wrong in one line, with a non-zero exit: a refused hot add, an unknown VM, a viewer\'s command, a bad flag', async () => {
    const refused = await fsrctl(['vm', 'hot-add', 'cli-vm', '--vcpus', '1']);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^fsrctl: POST \/vms\/[0-9a-f-]{36}\/hot-add: 409 VCPU_REMOVAL_NOT_SUPPORTED .+\n$/) });
    expect(await fsrctl(['vm', 'power', 'no-such-vm', 'off'])).toMatchObject({ code: 1, stderr: 'fsrctl: no VM no-such-vm\n' });
    expect(await fsrctl(['vm', 'power', 'cli-vm', 'off'], KEYS.viewer)).toMatchObject({ code: 1, stderr: expect.stringContaining('403 FORBIDDEN') });
    const bad = await fsrctl(['vm', 'hot-add', 'cli-vm', '--vcpus', 'four']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("option '--vcpus <n>' argument 'four' is invalid. a whole number above 0");
    expect(bad.stderr).not.toMatch(/    at /);
  });
});
