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

  /** Asks as the control plane does, once a second at most, until the copy is over. */
  const copied = async (ask: ReturnType<typeof copy>) => {
    for (;;) {
      const status = await copyDisks(agent.context, ask);
      if (status.state === 'copied') return status.result;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('starts a copy in the background and answers at once; asked again, that same copy with its progress, then its result', async () => {
    const first = await copyDisks(agent.context, copy('op-a', 'ds1.vmdk', 'ds2.vmdk', 16));
    expect(first).toMatchObject({ state: 'copying', totalBytes: 8 * MIB });
    const job = agent.context.diskCopies.get('op-a');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const again = await copyDisks(agent.context, copy('op-a', 'ds1.vmdk', 'ds2.vmdk', 16));
    expect(again).toMatchObject({ state: 'copying', totalBytes: 8 * MIB });
    expect(again.state === 'copying' && again.copiedBytes).toBeGreaterThan(0);
    expect(agent.context.diskCopies.get('op-a')).toBe(job);
    const result = await copied(copy('op-a', 'ds1.vmdk', 'ds2.vmdk', 16));
    expect(result.bytes).toBe(8 * MIB);
  });

  it('answers an ask made while the first still opens its files with that same copy', async () => {
    const [a, b] = await Promise.all([copyDisks(agent.context, copy('op-b', 'ds1.vmdk', 'ds2.vmdk', 16)), copyDisks(agent.context, copy('op-b', 'ds1.vmdk', 'ds2.vmdk', 16))]);
    expect([a.state, b.state]).toEqual(['copying', 'copying']);
    expect([...agent.context.diskCopies.keys()]).toEqual(['op-b']);
    expect((await copied(copy('op-b', 'ds1.vmdk', 'ds2.vmdk', 16))).bytes).toBe(8 * MIB);
  });

  it('answers a cold copy that closed its files with its result when asked again, instead of copying again', async () => {
    const result = await copied(copy('op-cold', 'ds1.vmdk', 'ds2.vmdk'));
    expect(agent.context.diskCopies.has('op-cold')).toBe(false);
    expect(await copyDisks(agent.context, copy('op-cold', 'ds1.vmdk', 'ds2.vmdk'))).toEqual({ state: 'copied', result });
    expect(agent.context.diskCopies.has('op-cold')).toBe(false);
  });

  it('answers a copy that was discarded with its refusal when asked again, and starts nothing', async () => {
    await copyDisks(agent.context, copy('op-gone', 'ds1.vmdk', 'ds2.vmdk', 4));
    await discardDiskCopy(agent.context, 'op-gone', 'the operation was cancelled');
    await expect(copyDisks(agent.context, copy('op-gone', 'ds1.vmdk', 'ds2.vmdk', 4))).rejects.toMatchObject({ code: 'SWITCHOVER_DISCARDED' });
    expect(agent.context.diskCopies.has('op-gone')).toBe(false);
    expect(existsSync(file('ds2.vmdk'))).toBe(false);
  });

  it('ends a copy of the same VM for another operation before it starts, removing only that copy’s own target', async () => {
    await copyDisks(agent.context, copy('op-old', 'ds1.vmdk', 'ds2.vmdk', 4));
    const result = await copied(copy('op-new', 'ds1.vmdk', 'ds3.vmdk'));
    await expect(copyDisks(agent.context, copy('op-old', 'ds1.vmdk', 'ds2.vmdk', 4))).rejects.toThrow(/superseded by relocation op-new/);
    expect(existsSync(file('ds2.vmdk'))).toBe(false);
    expect(existsSync(file('ds3.vmdk'))).toBe(true);
    expect(result.bytes).toBe(8 * MIB);
  });

  it('never removes a file a VM runs on when a stale copy onto it is discarded, and refuses to delete it', async () => {
    await writeFile(file('live.vmdk'), Buffer.alloc(8 * MIB, 9));
    expect((await copyDisks(agent.context, copy('op-stale', 'ds1.vmdk', 'live.vmdk', 4))).state).toBe('copying');
    powerOn(agent.context, { vmId: 'vm-2', vcpus: 1, memoryMiB: 4, disks: [{ diskId: 'd-9', path: file('live.vmdk'), sizeMiB: 8 }] });

    await discardDiskCopy(agent.context, 'op-stale', 'the control plane ended it');
    expect(existsSync(file('live.vmdk'))).toBe(true);
    await expect(deleteDiskFiles([{ diskId: 'd-9', path: file('live.vmdk'), sizeMiB: 8 }], pathsInUse(agent.context))).rejects.toThrow(/AGENT_DISK_IN_USE|in use/);
    expect(existsSync(file('live.vmdk'))).toBe(true);
  });
});
