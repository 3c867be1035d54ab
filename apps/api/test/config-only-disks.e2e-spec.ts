import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestStack } from './support/test-stack';

/** Issue 19: concurrent configuration-only disk adds left a file for every attempt that lost its race. */
describe('disks added to a powered-off VM concurrently (e2e)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
  }, 60_000);
  afterAll(() => stack?.close(), 30_000);

  it('leaves exactly the files the record holds, and none once the VM is deleted', async () => {
    const spec = { name: 'cold-disks', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 128, disks: [{ sizeMiB: 1 }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => stack.http('operator').post(`/vms/${vm.id}/hot-add`, { devices: [{ type: 'disk', sizeMiB: 1 }] })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);

    const vmDir = join(stack.dataDir, 'datastores', 'ds1', vm.id);
    const recorded: { fileName: string }[] = (await stack.http('viewer').get(`/vms/${vm.id}`)).body.disks;
    expect(recorded).toHaveLength(13);
    expect(readdirSync(vmDir).sort()).toEqual(recorded.map((disk) => disk.fileName.split('/')[1]).sort());

    await stack.http('operator').delete(`/vms/${vm.id}`).expect(204);
    expect(existsSync(vmDir) ? readdirSync(vmDir) : []).toEqual([]);
  });
});
