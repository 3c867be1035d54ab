import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostAgent } from '../host-agent';
import { deleteDiskFiles } from '../vm/disk-files';
import { powerOn } from '../vm/vm-power';
import { removePrefix } from '../../test/harness';
import { startTestAgent } from '../../test/in-process-agent';
import { copyDisks, discardDiskCopy } from './copy-disks';
import { pathsInUse } from './paths-in-use';

const MIB = 1024 * 1024;

/** The agent's rules for disk files of issue 19: a copy asked again is the same copy; nothing in use is ever removed. */
describe('disk copies on a host agent', () => {
  const prefix = `test-${randomUUID()}`;
  let agent: HostAgent;
  let dir: string;
  const file = (name: string) => join(dir, name);
  const copy = (operationId: string, source: string, target: string, maxCopyMiBps: number | null = null) => ({
    operationId,
    vmId: 'vm-1',
    maxCopyMiBps,
    disks: [{ diskId: 'd-1', sizeMiB: 8, sourcePath: file(source), targetPath: file(target) }],
  });

  beforeAll(async () => {
    agent = await startTestAgent(prefix);
  });
  afterAll(async () => {
    await agent.stop();
    await removePrefix(prefix);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsr-copies-'));
    await writeFile(file('ds1.vmdk'), Buffer.alloc(8 * MIB, 7));
  });
  afterEach(async () => {
    for (const id of [...agent.context.diskCopies.keys()]) await discardDiskCopy(agent.context, id, 'test over');
    agent.context.vms.clear();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a copy asked again for the same operation with the copy under way, not a second one', async () => {
    const first = copyDisks(agent.context, copy('op-a', 'ds1.vmdk', 'ds2.vmdk', 16));
    for (let waited = 0; !agent.context.diskCopies.has('op-a') && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const job = agent.context.diskCopies.get('op-a');
    expect(job).toBeDefined();
    const again = copyDisks(agent.context, copy('op-a', 'ds1.vmdk', 'ds2.vmdk', 16));
    expect(agent.context.diskCopies.get('op-a')).toBe(job);
    const [a, b] = await Promise.all([first, again]);
    expect(b).toEqual(a);
    expect(a.bytes).toBe(8 * MIB);
  });

  it('answers a copy asked again while the first ask still opens its files with that same copy', async () => {
    const first = copyDisks(agent.context, copy('op-b', 'ds1.vmdk', 'ds2.vmdk', 16));
    const again = copyDisks(agent.context, copy('op-b', 'ds1.vmdk', 'ds2.vmdk', 16));
    const [a, b] = await Promise.all([first, again]);
    expect(b).toBe(a);
    expect(a.bytes).toBe(8 * MIB);
  });

  it('ends a copy of the same VM for another operation before it starts, removing only that copy’s own target', async () => {
    const stale = copyDisks(agent.context, copy('op-old', 'ds1.vmdk', 'ds2.vmdk', 4)).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const result = await copyDisks(agent.context, copy('op-new', 'ds1.vmdk', 'ds3.vmdk'));
    expect(((await stale) as Error).message).toMatch(/superseded by relocation op-new/);
    expect(existsSync(file('ds2.vmdk'))).toBe(false);
    expect(existsSync(file('ds3.vmdk'))).toBe(true);
    expect(result.bytes).toBe(8 * MIB);
  });

  it('never removes a file a VM runs on when a stale copy onto it is discarded, and refuses to delete it', async () => {
    await writeFile(file('live.vmdk'), Buffer.alloc(8 * MIB, 9));
    const stale = copyDisks(agent.context, copy('op-stale', 'ds1.vmdk', 'live.vmdk', 4)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    powerOn(agent.context, { vmId: 'vm-2', vcpus: 1, memoryMiB: 4, disks: [{ diskId: 'd-9', path: file('live.vmdk'), sizeMiB: 8 }] });

    await discardDiskCopy(agent.context, 'op-stale', 'the control plane ended it');
    await stale;
    expect(existsSync(file('live.vmdk'))).toBe(true);
    await expect(deleteDiskFiles([{ diskId: 'd-9', path: file('live.vmdk'), sizeMiB: 8 }], pathsInUse(agent.context))).rejects.toThrow(/AGENT_DISK_IN_USE|in use/);
    expect(existsSync(file('live.vmdk'))).toBe(true);
  });
});
