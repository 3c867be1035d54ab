import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { diskContentHash } from './support/disk-content-hash';
import { TestStack } from './support/test-stack';

interface Operation {
  id: string;
  state: string;
  phase: string | null;
  stunMs: number | null;
  progress: { done: number; total: number; unit: string };
  phases: { name: string }[];
  relocation: {
    sourceDatastoreId: string;
    targetDatastoreId: string;
    totalBytes: number;
    cold: boolean;
    bytesPerSecond: number | null;
    mirroredWrites: number | null;
    disks: { diskId: string; blake3: string }[] | null;
  };
  error?: { code: string };
}
interface Vm {
  id: string;
  datastoreId: string;
  powerState: string;
  disks: { diskId: string; fileName: string; datastoreId: string; sizeMiB: number }[];
}

const DISK_MIB = 16;
jest.setTimeout(30_000);

describe('Storage vMotion and cold relocation over HTTP (e2e)', () => {
  let stack: TestStack;
  let seq = 0;
  const pathOf = (datastore: string, fileName: string) => join(stack.dataDir, 'datastores', datastore, fileName);

  const newVm = async (power: 'on' | 'off', disks = [{ sizeMiB: DISK_MIB }, { sizeMiB: DISK_MIB }]): Promise<Vm> => {
    const spec = { name: `vm-${++seq}`, hostId: 'host-1', datastoreId: 'ds-bronze', vcpus: 2, memoryMiB: 256, disks };
    const created = await stack.http('operator').post('/vms', spec);
    expect(created.status).toBe(201);
    if (power === 'on') expect((await stack.http('operator').post(`/vms/${created.body.id}/power`, { action: 'on' })).status).toBe(200);
    return created.body;
  };
  const relocate = async (vmId: string, body: object) => {
    const accepted = await stack.http('operator').post(`/vms/${vmId}/relocate`, body);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/api/v1/operations/${accepted.body.operationId}`);
    return accepted.body.operationId as string;
  };
  const operation = async (id: string): Promise<Operation> => (await stack.http('viewer').get(`/operations/${id}`)).body;
  const datastore = async (id: string) => (await stack.http('viewer').get(`/datastores/${id}`)).body as { usedMiB: number };

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.http().post('/datastores', { name: 'bronze', capacityGiB: 1 });
    await stack.http().post('/datastores', { name: 'gold', capacityGiB: 1 });
    await stack.http().post('/datastores', { name: 'tiny', capacityGiB: 1 });
    const filler = await stack.http('operator').post('/vms', {
      name: 'filler', hostId: 'host-1', datastoreId: 'ds-tiny', vcpus: 1, memoryMiB: 128, disks: [{ sizeMiB: 1000 }],
    });
    expect(filler.status).toBe(201);
  }, 60_000);
  afterAll(() => stack?.close(), 30_000);

  it('moves a running VM with two disks while its guest writes: mirrored, byte-for-byte, then switched over', async () => {
    const vm = await newVm('on');
    await stack.http('operator').post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 40 }).expect(200);
    const [usedBronze, usedGold] = [(await datastore('ds-bronze')).usedMiB, (await datastore('ds-gold')).usedMiB];
    const operationId = await relocate(vm.id, { datastoreId: 'ds-gold', maxCopyMiBps: 12 });

    const seen: number[] = [];
    await eventually(
      () => operation(operationId),
      (op) => op.progress !== undefined && (seen.push(op.progress.done), op.progress.done >= op.progress.total * 0.6),
      { what: 'the copy past 60 %', timeoutMs: 30_000, intervalMs: 100 },
    );
    await stack.http('operator').post(`/vms/${vm.id}/workload`, {}).expect(200);
    const sourceHashes = await Promise.all(vm.disks.map((disk) => diskContentHash(pathOf('bronze', disk.fileName))));

    const ended: Operation = await stack.waitForOperation(operationId);
    expect(ended.state).toBe('succeeded');
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(ended.progress).toEqual({ done: 2 * DISK_MIB * 1024 * 1024, total: 2 * DISK_MIB * 1024 * 1024, unit: 'bytes' });
    expect(ended.relocation.mirroredWrites).toBeGreaterThan(0);
    expect(ended.relocation.bytesPerSecond).toBeGreaterThan(0);
    expect(ended.stunMs).toBeGreaterThan(0);

    const targetHashes = await Promise.all(vm.disks.map((disk) => diskContentHash(pathOf('gold', disk.fileName))));
    expect(targetHashes).toEqual(sourceHashes);
    expect(ended.relocation.disks).toEqual(vm.disks.map((disk, i) => ({ diskId: disk.diskId, blake3: sourceHashes[i] })));
    vm.disks.forEach((disk) => expect(existsSync(pathOf('bronze', disk.fileName))).toBe(false));

    const moved: Vm = (await stack.http('viewer').get(`/vms/${vm.id}`)).body;
    expect(moved).toMatchObject({ datastoreId: 'ds-gold', powerState: 'poweredOn' });
    expect(moved.disks.map((disk) => disk.datastoreId)).toEqual(['ds-gold', 'ds-gold']);
    expect((await datastore('ds-bronze')).usedMiB).toBe(usedBronze - 2 * DISK_MIB);
    expect((await datastore('ds-gold')).usedMiB).toBe(usedGold + 2 * DISK_MIB);

    const history = (await stack.http('viewer').get(`/vms/${vm.id}/history?operationId=${operationId}&limit=500`)).body.items;
    const types: string[] = history.map((item: { type: string }) => item.type);
    const phases = history.filter((item: { type: string }) => item.type === 'operation.phase-completed').map((item: { data: { phase: string } }) => item.data.phase);
    expect(phases).toEqual(['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']);
    expect(types.indexOf('operation.disk-copy-progressed')).toBeGreaterThan(-1);
    expect(types.lastIndexOf('operation.disk-copy-progressed')).toBeLessThan(types.indexOf('operation.disks-copied'));
    expect(types.indexOf('operation.disks-copied')).toBeLessThan(types.indexOf('operation.switched-over'));
    expect(types.slice(-5)).toEqual([
      'operation.succeeded', 'vm.reconfigured', 'vm.operation-ended', 'datastore.space-freed', 'datastore.space-freed',
    ]);
  });

  it('cancels during the copy: the VM runs on from the source and no file is left on the target', async () => {
    const vm = await newVm('on');
    const usedGold = (await datastore('ds-gold')).usedMiB;
    const operationId = await relocate(vm.id, { datastoreId: 'ds-gold', maxCopyMiBps: 4 });
    await eventually(() => operation(operationId), (op) => (op.progress?.done ?? 0) > 0, { what: 'the copy under way', timeoutMs: 20_000 });
    expect((await stack.http('operator').post(`/operations/${operationId}/cancel`)).status).toBe(200);

    expect((await stack.waitForOperation(operationId)).state).toBe('cancelled');
    await eventually(
      async () => vm.disks.map((disk) => existsSync(pathOf('gold', disk.fileName))),
      (exists) => exists.every((present) => !present),
      { what: 'the partial copies removed' },
    );
    vm.disks.forEach((disk) => expect(existsSync(pathOf('bronze', disk.fileName))).toBe(true));
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ datastoreId: 'ds-bronze', powerState: 'poweredOn', activeOperationId: null });
    expect((await datastore('ds-gold')).usedMiB).toBe(usedGold);
  });

  it('after the switch-over the guest writes to its disks on the target datastore, never again to the source', async () => {
    const vm = await newVm('on', [{ sizeMiB: 4 }]);
    const ended: Operation = await stack.waitForOperation(await relocate(vm.id, { datastoreId: 'ds-gold' }));
    expect(ended.state).toBe('succeeded');
    const [target, source] = [pathOf('gold', vm.disks[0].fileName), pathOf('bronze', vm.disks[0].fileName)];
    const copied = await diskContentHash(target);
    await stack.http('operator').post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 20 }).expect(200);
    await eventually(() => diskContentHash(target), (hash) => hash !== copied, { what: 'guest writes on the moved disk' });
    await stack.http('operator').post(`/vms/${vm.id}/workload`, {}).expect(200);
    expect(existsSync(source)).toBe(false);
  });

  it('after a cancel the guest goes on writing to its source disks and nothing reappears on the target', async () => {
    const vm = await newVm('on', [{ sizeMiB: 8 }]);
    const [source, target] = [pathOf('bronze', vm.disks[0].fileName), pathOf('gold', vm.disks[0].fileName)];
    await stack.http('operator').post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 20 }).expect(200);
    const operationId = await relocate(vm.id, { datastoreId: 'ds-gold', maxCopyMiBps: 2 });
    await eventually(() => operation(operationId), (op) => (op.progress?.done ?? 0) > 0, { what: 'the copy under way' });
    await stack.http('operator').post(`/operations/${operationId}/cancel`).expect(200);
    expect((await stack.waitForOperation(operationId)).state).toBe('cancelled');
    await eventually(async () => existsSync(target), (exists) => !exists, { what: 'the partial copy removed' });

    const afterCancel = await diskContentHash(source);
    await eventually(() => diskContentHash(source), (hash) => hash !== afterCancel, { what: 'guest writes on the source after the cancel' });
    await stack.http('operator').post(`/vms/${vm.id}/workload`, {}).expect(200);
    expect(existsSync(target)).toBe(false);
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ datastoreId: 'ds-bronze', powerState: 'poweredOn', activeOperationId: null });
  });

  it('relocates a powered-off VM cold: files copied, configuration changed, no switch-over', async () => {
    const vm = await newVm('off', [{ sizeMiB: 4 }]);
    const before = await diskContentHash(pathOf('bronze', vm.disks[0].fileName));
    const ended: Operation = await stack.waitForOperation(await relocate(vm.id, { datastoreId: 'ds-gold' }));
    expect(ended.state).toBe('succeeded');
    expect(ended.relocation).toMatchObject({ cold: true, disks: null });
    expect(ended.relocation.bytesPerSecond).toBeGreaterThan(0);
    expect(ended.stunMs).toBeNull();
    expect(ended.phases.map((phase) => phase.name)).toEqual(['disk-copy']);
    expect(await diskContentHash(pathOf('gold', vm.disks[0].fileName))).toBe(before);
    expect(existsSync(pathOf('bronze', vm.disks[0].fileName))).toBe(false);
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ datastoreId: 'ds-gold', powerState: 'poweredOff' });
  });

  it('refuses bad relocations with their codes and changes nothing', async () => {
    const vm = await newVm('on', [{ sizeMiB: 64 }]);
    const positionBefore = (await stack.http('viewer').get('/events?after=0&limit=1000')).body.nextAfter;
    const refused = async (body: object, status: number, code: string) => {
      const response = await stack.http('operator').post(`/vms/${vm.id}/relocate`, body);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    };
    await refused({ datastoreId: 'ds-nowhere' }, 404, 'DATASTORE_NOT_FOUND');
    await refused({ datastoreId: 'ds-bronze' }, 409, 'VM_ALREADY_ON_DATASTORE');
    await refused({ datastoreId: 'ds-tiny' }, 409, 'DATASTORE_CAPACITY_EXCEEDED');
    await refused({ datastoreId: 'ds-tiny', dryRun: true }, 409, 'DATASTORE_CAPACITY_EXCEEDED');
    await refused({ datastoreId: 42 }, 400, 'VALIDATION_FAILED');
    await refused({ datastoreId: 'ds-gold', maxCopyMiBps: 0 }, 400, 'VALIDATION_FAILED');
    expect((await stack.http('viewer').get('/events?after=0&limit=1000')).body.nextAfter).toBe(positionBefore);

    const preview = await stack.http('operator').post(`/vms/${vm.id}/relocate`, { datastoreId: 'ds-gold', dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ disruption: 'fsr', segments: 2, totalBytes: 64 * 1024 * 1024 });
    expect(preview.body.predictedStunMs).toBeGreaterThan(0);

    const operationId = await relocate(vm.id, { datastoreId: 'ds-gold', maxCopyMiBps: 16 });
    await refused({ datastoreId: 'ds-gold' }, 409, 'VM_BUSY');
    expect((await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'off' })).body.code).toBe('VM_BUSY');
    await stack.http('operator').post(`/operations/${operationId}/cancel`).expect(200);
    await stack.waitForOperation(operationId);
    await eventually(async () => existsSync(pathOf('gold', vm.disks[0].fileName)), (exists) => !exists, { what: 'the partial copy removed' });
  });
});
