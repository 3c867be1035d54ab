import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { EVENT_STORE, EventStore } from '@fsr/application';
import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE } from '@fsr/contracts';
import { Projector } from '@fsr/infrastructure';
import { eventually } from './support/eventually';
import { KEYS, TestStack } from './support/test-stack';

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

  it('refuses to add or retry jobs through the queue dashboard, and ignores a report from an agent instance the host does not have', async () => {
    const connected = (await stack.http().get('/hosts/host-1/history?type=host.connected')).body.items;
    const agentInstanceId = connected[connected.length - 1].data.agentInstanceId;
    const stopping = { name: 'agent.stopping', data: { type: 'agent.stopping', hostId: 'host-1', agentInstanceId } };
    const added = await stack
      .http()
      .raw()
      .post(`/admin/queues/api/queues/${encodeURIComponent(CONTROL_PLANE_REPORTS_QUEUE)}/add`)
      .set('Authorization', `Bearer ${KEYS.admin}`)
      .send(stopping);
    expect(added.status).toBe(405);

    const reports = new Queue(CONTROL_PLANE_REPORTS_QUEUE, bullOptionsFor(CONTROL_PLANE_REPORTS_QUEUE, { connection: { url: stack.redisUrl }, prefix: stack.queuePrefix }));
    try {
      const forged = await reports.add('agent.stopping', { ...stopping.data, agentInstanceId: 'not-the-agent' });
      await eventually(() => forged.getState(), (state) => state === 'completed', { what: 'the forged report to be consumed' });
    } finally {
      await reports.close();
    }
    expect((await stack.http().get('/hosts/host-1')).body.connectionState).toBe('connected');
    const history = (await stack.http().get('/hosts/host-1/history?type=host.disconnected')).body;
    expect(history.items).toEqual([]);
  });

  it('serves the queue dashboard\'s page with nothing to fetch from another host', async () => {
    for (const page of ['/admin/queues', `/admin/queues/queue/${encodeURIComponent(CONTROL_PLANE_REPORTS_QUEUE)}`]) {
      const { status, text } = await stack.http().raw().get(page).set('Authorization', `Bearer ${KEYS.viewer}`);
      expect(status).toBe(200);
      expect(text).toContain('<link href="static/css/');
      expect(text).not.toMatch(/(https?:)?\/\/[a-z0-9-]+(\.[a-z0-9-]+)+/i);
    }
  });

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
      'vm.power-change-started',
      'vm.powered-on',
      'vm.power-change-started',
      'vm.powered-off',
      'vm.deleted',
    ]);
    const page = await stack.http('viewer').get(`/vms/${vm.id}/history?limit=2`);
    expect(page.body.items).toHaveLength(2);
    const next = await stack.http('viewer').get(`/vms/${vm.id}/history?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].position).toBeGreaterThan(page.body.items[1].position);
  });

  describe('VM names', () => {
    const small = (name: string) => vmSpec({ name, disks: [{ sizeMiB: 1 }], nics: [] });
    const vmNames = async () => (await stack.http().get('/vms')).body.map((vm: { name: string }) => vm.name);

    it('refuses a name another VM has with 409 VM_NAME_TAKEN and records nothing; names are case-sensitive', async () => {
      const first = (await stack.http('operator').post('/vms', small('db-01')).expect(201)).body;
      await stack.http('operator').post('/vms', small('DB-01')).expect(201);
      const snapshot = async () => ({
        events: await lastPosition(),
        vms: (await stack.http().get('/vms')).body,
        history: (await stack.http().get(`/vms/${first.id}/history`)).body.items,
      });
      const before = await snapshot();
      const taken = await stack.http('operator').post('/vms', { ...small('db-01'), vcpus: 2 });
      expect([taken.status, taken.body.code, taken.body.details]).toEqual([409, 'VM_NAME_TAKEN', { name: 'db-01', vmId: first.id }]);
      expect(await snapshot()).toEqual(before);
    });

    it('makes one VM of concurrent creates with one name, and leaves no disk file of the refused one', async () => {
      await stack.http().post('/datastores', { name: 'ssd-02', capacityGiB: 1 }).expect(201);
      // On two datastores: only the name's own stream can make the two appends conflict.
      const answers = await Promise.all(['ds-ssd-01', 'ds-ssd-02'].map((datastoreId) => stack.http('operator').post('/vms', { ...small('race-01'), datastoreId })));
      expect(answers.map((answer) => [answer.status, answer.body.code]).sort()).toEqual([[201, undefined], [409, 'VM_NAME_TAKEN']]);
      expect((await vmNames()).filter((name: string) => name === 'race-01')).toHaveLength(1);
      const vms: { disks: { fileName: string }[] }[] = (await stack.http().get('/vms')).body;
      const files = [];
      for (const datastore of (await stack.http().get('/datastores')).body) {
        files.push(...(await readdir(datastore.path, { recursive: true })).filter((file) => file.endsWith('.vmdk')));
      }
      expect(files.sort()).toEqual(vms.flatMap((vm) => vm.disks.map((disk) => disk.fileName)).sort());
    });

    it('frees the name of a deleted VM', async () => {
      const first = (await stack.http('operator').post('/vms', small('reused-01')).expect(201)).body;
      await stack.http('operator').delete(`/vms/${first.id}`).expect(204);
      const second = (await stack.http('operator').post('/vms', small('reused-01')).expect(201)).body;
      expect(second.id).not.toBe(first.id);
      const history = (await stack.http('viewer').get(`/vms/${first.id}/history`)).body.items.map((item: { type: string }) => item.type);
      expect(history.filter((type: string) => type.startsWith('vm-name.'))).toEqual(['vm-name.reserved', 'vm-name.released']);
    });

    it('says so in the OpenAPI document, as the 409 of POST /vms', async () => {
      const document = (await stack.http().raw().get('/docs-json').set('Authorization', `Bearer ${KEYS.viewer}`).expect(200)).body;
      expect(document.paths['/api/v1/vms'].post.responses['409'].description).toMatch(/^VM_NAME_TAKEN: another VM has the name/);
    });

    it('refuses the name of a VM created before names were reserved, until that VM is deleted', async () => {
      const vmId = 'vm-from-before-names';
      const disk = { diskId: 'disk-1', sizeMiB: 1, datastoreId: 'ds-ssd-01', fileName: `${vmId}/disk-1.vmdk` };
      const hardware = { vcpus: 1, coresPerSocket: 1, memoryMiB: 256, cpuHotAddEnabled: false, memoryHotAddEnabled: false, disks: [disk], nics: [] };
      const created = { type: 'vm.created', data: { vmId, name: 'legacy-01', hostId: 'host-1', datastoreId: 'ds-ssd-01', ...hardware } };
      const context = { actor: 'admin:test', correlationId: 'before-names', causationId: null };
      await stack.app.get<symbol, EventStore>(EVENT_STORE).append([{ streamId: `vm-${vmId}`, expectedVersion: -1, events: [created] }], context);
      await stack.app.get(Projector).catchUp();

      const taken = await stack.http('operator').post('/vms', small('legacy-01'));
      expect([taken.status, taken.body.code, taken.body.details]).toEqual([409, 'VM_NAME_TAKEN', { name: 'legacy-01', vmId }]);
      await stack.http('operator').delete(`/vms/${vmId}`).expect(204);
      await stack.http('operator').post('/vms', small('legacy-01')).expect(201);
    });
  });

  it('never commits more memory than the host has', async () => {
    const big = (await stack.http('operator').post('/vms', vmSpec({ name: 'big', memoryMiB: 20480, disks: [{ sizeMiB: 1 }] }))).body;
    const refused = await stack.http('operator').post(`/vms/${big.id}/power`, { action: 'on' });
    expect([refused.status, refused.body.code]).toEqual([409, 'HOST_CAPACITY_EXCEEDED']);
    expect((await stack.http('viewer').get(`/vms/${big.id}`)).body.powerState).toBe('poweredOff');
  });

  describe('vNUMA warnings (CPU hot add disables vNUMA)', () => {
    const hostId = 'host-numa';
    const onNumaHost = (name: string, overrides: object) =>
      vmSpec({ name, hostId, datastoreId: 'ds-numa-01', memoryMiB: 256, disks: [{ sizeMiB: 1 }], ...overrides });
    const vnumaWarning = (vcpus: number, coresPerNumaNode: number) => ({
      code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD',
      vcpus,
      coresPerNumaNode,
      message: expect.stringContaining(`the VM's ${vcpus} vCPUs span more than one NUMA node of ${hostId} (${coresPerNumaNode} cores per node)`),
    });

    beforeAll(async () => {
      await stack.startAgent(hostId, { HOST_CPU_CORES: '16', NUMA_NODES: '2' });
      await stack.http().post('/datastores', { name: 'numa-01', capacityGiB: 1 }).expect(201);
    }, 30_000);

    it('shows the host\'s NUMA layout in its capacity', async () => {
      const { body } = await stack.http('viewer').get(`/hosts/${hostId}`).expect(200);
      expect(body.capacity).toEqual({ cpuCores: 16, memoryMiB: 16384, numaNodes: 2, coresPerNumaNode: 8 });
    });

    it('says so in the create answer and on the VM, with the vCPUs and the cores per node', async () => {
      const created = await stack.http('operator').post('/vms', onNumaHost('wide-01', { vcpus: 12, cpuHotAddEnabled: true }));
      expect(created.status).toBe(201);
      expect(created.body.warnings).toEqual([vnumaWarning(12, 8)]);
      expect((await stack.http('viewer').get(`/vms/${created.body.id}`)).body.warnings).toEqual([vnumaWarning(12, 8)]);
    });

    it('answers warnings: [] for a VM without CPU hot add, and for one that fits a NUMA node', async () => {
      const withoutHotAdd = await stack.http('operator').post('/vms', onNumaHost('wide-02', { vcpus: 12, cpuHotAddEnabled: false }));
      const fitsNode = await stack.http('operator').post('/vms', onNumaHost('narrow-01', { vcpus: 8, cpuHotAddEnabled: true }));
      expect([withoutHotAdd.status, withoutHotAdd.body.warnings, fitsNode.status, fitsNode.body.warnings]).toEqual([201, [], 201, []]);
      expect((await stack.http('viewer').get(`/vms/${withoutHotAdd.body.id}`)).body.warnings).toEqual([]);
    });

    it('says so in the hot-add dry run for the vCPUs the VM would have', async () => {
      const vm = (await stack.http('operator').post('/vms', onNumaHost('growing-01', { vcpus: 6, cpuHotAddEnabled: true })).expect(201)).body;
      expect(vm.warnings).toEqual([]);
      await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
      const toTwelve = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { vcpus: 12, dryRun: true });
      expect(toTwelve.status).toBe(200);
      expect(toTwelve.body).toMatchObject({ disruption: 'fsr', warnings: [vnumaWarning(12, 8)] });
      const toEight = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { vcpus: 8, dryRun: true });
      expect(toEight.body).toMatchObject({ disruption: 'fsr', warnings: [] });
      expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ vcpus: 6, warnings: [] });
      await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'off' }).expect(200);
    });

    it('documents the warnings in the OpenAPI document, on the VM and on the hot-add preview', async () => {
      const { schemas } = (await stack.http().raw().get('/docs-json').set('Authorization', `Bearer ${KEYS.viewer}`).expect(200)).body.components;
      for (const response of ['VmResponse', 'HotAddPreviewResponse']) {
        expect(schemas[response].properties.warnings.items.$ref).toBe('#/components/schemas/VmWarningResponse');
        expect(schemas[response].required).toContain('warnings');
      }
      expect(schemas.VmWarningResponse.properties.code.enum).toEqual(['VNUMA_DISABLED_BY_CPU_HOT_ADD']);
      expect(schemas.HostCapacityResponse.required).toEqual(expect.arrayContaining(['numaNodes', 'coresPerNumaNode']));
    });
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
