import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diskContentHash } from './support/disk-content-hash';
import { eventually } from './support/eventually';
import { TestStack } from './support/test-stack';

const DISK_MIB = 512;

/**
 * The probe's data loss (issue 19): a control plane SIGKILLed during a Storage vMotion recorded a rollback
 * the agent never did; the agent's stale copy kept mirroring into the target, a later relocation ran on that
 * same file, and a graceful agent stop then deleted it. Now the restarted control plane continues the copy.
 */
describe('control plane killed during a Storage vMotion (e2e)', () => {
  let stack: TestStack;
  const pathOf = (datastore: string, fileName: string) => join(stack.dataDir, 'datastores', datastore, fileName);
  const vmOf = async (id: string) => (await stack.http('viewer').get(`/vms/${id}`)).body;

  beforeAll(async () => {
    stack = await TestStack.start({ controlPlane: 'process' });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
    await stack.http().post('/datastores', { name: 'ds2', capacityGiB: 10 }).expect(201);
  }, 90_000);
  afterAll(() => stack?.close(), 30_000);

  it('continues the copy after the restart, switches over, and the disk survives a graceful agent restart', async () => {
    const spec = { name: 'svm-crash', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, disks: [{ sizeMiB: DISK_MIB }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body;
    const fileName: string = vm.disks[0].fileName;
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    await stack.http('operator').post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 20 }).expect(200);
    const operationId: string = (await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds2', maxCopyMiBps: 32 }).expect(202)).body.operationId;
    await eventually(
      () => stack.http('viewer').get(`/operations/${operationId}`),
      ({ body }) => body.progress?.done >= body.progress?.total * 0.29,
      { what: 'the copy at 29 %', timeoutMs: 30_000, intervalMs: 100 },
    );

    await stack.controlPlaneProcess.stop('SIGKILL');
    await stack.controlPlaneProcess.start();
    await stack.http('operator').post(`/vms/${vm.id}/workload`, {}).expect(200);

    const ended = await stack.waitForOperation(operationId, 90_000);
    expect({ state: ended.state, error: ended.error }).toEqual({ state: 'succeeded', error: undefined });
    expect(ended.relocation.mirroredWrites).toBeGreaterThan(0);
    const recorded: string = ended.relocation.disks[0].blake3;
    expect(await diskContentHash(pathOf('ds2', fileName))).toBe(recorded);
    expect(existsSync(pathOf('ds1', fileName))).toBe(false);
    expect(await vmOf(vm.id)).toMatchObject({ datastoreId: 'ds-ds2', powerState: 'poweredOn', activeOperationId: null });

    await stack.agents.get('host-1')!.stop('SIGTERM');
    await stack.startAgent('host-1');
    expect(existsSync(pathOf('ds2', fileName))).toBe(true);
    expect(await diskContentHash(pathOf('ds2', fileName))).toBe(recorded);
    expect((await vmOf(vm.id)).disks[0]).toMatchObject({ datastoreId: 'ds-ds2', fileName });

    // A planned agent restart keeps the VM running, on the disk it was relocated to.
    expect(await vmOf(vm.id)).toMatchObject({ powerState: 'poweredOn', activeOperationId: null });
    const back = await stack.waitForOperation((await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-ds1' }).expect(202)).body.operationId);
    expect({ state: back.state, error: back.error }).toEqual({ state: 'succeeded', error: undefined });
    expect(await diskContentHash(pathOf('ds1', fileName))).toBe(recorded);
  }, 180_000);
});
