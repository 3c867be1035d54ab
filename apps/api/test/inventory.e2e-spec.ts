import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TestStack } from './support/test-stack';

const vmSpec = (overrides: object = {}) => ({
  name: 'web-01',
  hostId: 'host-1',
  datastoreId: 'ds-ssd-01',
  vcpus: 4,
  memoryMiB: 4096,
  disks: [{ sizeMiB: 64 }, { sizeMiB: 32 }],
  nics: [{ network: 'VM Network' }],
  ...overrides,
});

describe('inventory over HTTP with a real host agent (e2e)', () => {
  let stack: TestStack;
  const lastPosition = async () => {
    const { body } = await stack.http().get('/events?after=0&limit=500');
    return body.items.length;
  };

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: ['host-1'], agentEnv: { HOST_MEMORY_MIB: '16384' } });
  }, 60_000);
  afterAll(() => stack?.close());

  it('registers the host agent with its capacity and measured copy rate', async () => {
    const { status, body } = await stack.http('viewer').get('/hosts/host-1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ connectionState: 'connected', capacity: { memoryMiB: 16384 }, used: { memoryMiB: 0 } });
    expect(body.pframeTransferRate.perThreadPFramesPerSecond).toBeGreaterThan(0);
  });

  it('creates a datastore as a directory, and refuses a second one of the same name', async () => {
    const created = await stack.http().post('/datastores', { name: 'ssd-01', capacityGiB: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'ds-ssd-01', capacityGiB: 1, usedMiB: 0 });
    expect((await stat(created.body.path)).isDirectory()).toBe(true);
    const again = await stack.http().post('/datastores', { name: 'ssd-01', capacityGiB: 5 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DATASTORE_ALREADY_EXISTS');
  });

  it('refuses bad input with a 4xx and a stable code, changing nothing', async () => {
    const before = await lastPosition();
    const cases: [object, number, string][] = [
      [vmSpec({ vcpus: 0 }), 400, 'VALIDATION_FAILED'],
      [vmSpec({ disks: [] }), 400, 'VALIDATION_FAILED'],
      [vmSpec({ extra: true }), 400, 'VALIDATION_FAILED'],
      [vmSpec({ hostId: 'host-404' }), 404, 'HOST_NOT_FOUND'],
      [vmSpec({ datastoreId: 'ds-none' }), 404, 'DATASTORE_NOT_FOUND'],
      [vmSpec({ disks: [{ sizeMiB: 2048 }] }), 409, 'DATASTORE_CAPACITY_EXCEEDED'],
      [vmSpec({ vcpus: 6, coresPerSocket: 4 }), 400, 'INVALID_HARDWARE'],
      [vmSpec({ vcpus: 128 }), 409, 'HOST_CPU_EXCEEDED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await stack.http('operator').post('/vms', body);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
    const malformed = await stack.http('operator').raw().post('/api/v1/vms').set('Authorization', 'Bearer operator-key-e2e-000002').set('Content-Type', 'application/json').send('{"name":');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    expect(await lastPosition()).toBe(before);
  });

  it('needs a key, and a role that may', async () => {
    const server = stack.http().raw();
    expect((await server.get('/api/v1/vms')).status).toBe(401);
    expect((await server.get('/api/v1/vms').set('Authorization', 'Bearer wrong')).body.code).toBe('UNAUTHORIZED');
    expect((await stack.http('viewer').post('/vms', vmSpec())).body.code).toBe('FORBIDDEN');
    expect((await stack.http('operator').post('/datastores', { name: 'x', capacityGiB: 1 })).status).toBe(403);
    expect((await server.get('/health')).status).toBe(200);
  });

  it('creates, powers on and off, and deletes a VM; files, memory and space follow', async () => {
    const created = await stack.http('operator').post('/vms', vmSpec());
    expect(created.status).toBe(201);
    const vm = created.body;
    expect(vm).toMatchObject({ powerState: 'poweredOff', vcpus: 4, memoryMiB: 4096, version: 0 });
    const datastorePath = (await stack.http().get('/datastores/ds-ssd-01')).body.path;
    const diskPaths = vm.disks.map((disk: { fileName: string }) => join(datastorePath, disk.fileName));
    expect((await stat(diskPaths[0])).size).toBe(64 * 1024 * 1024);
    expect((await stack.http().get('/datastores/ds-ssd-01')).body.usedMiB).toBe(96);

    const on = await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' });
    expect(on.status).toBe(200);
    expect(on.body.powerState).toBe('poweredOn');
    expect((await stack.http().get('/hosts/host-1')).body.used.memoryMiB).toBe(4096);
    const memory = (await stack.http().get('/hosts/host-1/memory')).body;
    expect(memory.vms).toEqual([expect.objectContaining({ vmId: vm.id, pages: 4096 * 256 })]);
    expect(memory.freeMpns).toBe(memory.totalMpns - 4096 * 256);
    expect(memory.conflictingMpns).toBe(0);

    expect((await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' })).body.code).toBe('VM_INVALID_POWER_STATE');
    expect((await stack.http('operator').delete(`/vms/${vm.id}`)).body.code).toBe('VM_INVALID_POWER_STATE');
    expect((await stack.http().post('/hosts/host-1/maintenance', { enabled: true })).body.code).toBe('HOST_HAS_POWERED_ON_VMS');

    const stale = await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'off' }).set('If-Match', '"0"');
    expect([stale.status, stale.body.code]).toEqual([409, 'WRONG_EXPECTED_VERSION']);
    const current = await stack.http('viewer').get(`/vms/${vm.id}`);
    const off = await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'off' }).set('If-Match', current.headers.etag);
    expect(off.body.powerState).toBe('poweredOff');
    expect((await stack.http().get('/hosts/host-1/memory')).body.freeMpns).toBe(memory.totalMpns);

    expect((await stack.http('operator').delete(`/vms/${vm.id}`)).status).toBe(204);
    await expect(stat(diskPaths[0])).rejects.toThrow();
    expect((await stack.http().get('/datastores/ds-ssd-01')).body.usedMiB).toBe(0);
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body.code).toBe('VM_NOT_FOUND');

    const history = await stack.http('viewer').get(`/vms/${vm.id}/history?limit=100`);
    expect(history.body.items.map((item: { type: string }) => item.type).filter((type: string) => type.startsWith('vm.'))).toEqual([
      'vm.created',
      'vm.powered-on',
      'vm.powered-off',
      'vm.deleted',
    ]);
    const page = await stack.http('viewer').get(`/vms/${vm.id}/history?limit=2`);
    expect(page.body.items).toHaveLength(2);
    const next = await stack.http('viewer').get(`/vms/${vm.id}/history?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].position).toBeGreaterThan(page.body.items[1].position);
  });

  it('never commits more memory than the host has', async () => {
    const big = (await stack.http('operator').post('/vms', vmSpec({ name: 'big', memoryMiB: 20480, disks: [{ sizeMiB: 1 }] }))).body;
    const refused = await stack.http('operator').post(`/vms/${big.id}/power`, { action: 'on' });
    expect([refused.status, refused.body.code]).toEqual([409, 'HOST_CAPACITY_EXCEEDED']);
    expect((await stack.http('viewer').get(`/vms/${big.id}`)).body.powerState).toBe('poweredOff');
  });

  it('rebuilds the read models from the log to what they were', async () => {
    const snapshot = async () => ({
      hosts: (await stack.http().get('/hosts')).body,
      datastores: (await stack.http().get('/datastores')).body,
      vms: (await stack.http().get('/vms')).body,
    });
    const live = await snapshot();
    const rebuilt = await stack.http().post('/admin/projections/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(await snapshot()).toEqual(live);
  });
});
