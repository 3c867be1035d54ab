import request from 'supertest';
import { bearer, KEYS, ReadModelsApp, startReadModelsApp } from './read-models-app.fixture';

describe('read models over HTTP (e2e)', () => {
  let stack: ReadModelsApp;
  const get = (path: string) => request(stack.baseUrl).get(`/api/v1${path}`).set(bearer(KEYS.viewer));

  beforeAll(async () => {
    stack = await startReadModelsApp();
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('lists hosts with capacity, usage and transfer rate', async () => {
    const { body } = await get('/hosts').expect(200);
    expect(body.map((host: { id: string }) => host.id)).toEqual(['h1', 'h2']);
    expect(body[0]).toEqual({
      id: 'h1',
      name: 'esx-01',
      connectionState: 'connected',
      maintenance: false,
      capacity: { cpuCores: 16, memoryMiB: 65536, numaNodes: 1, coresPerNumaNode: 16 },
      used: { memoryMiB: 4096, vms: 1 },
      pframeTransferRate: { perThreadPFramesPerSecond: 3.5e7, workerThreads: 4 },
      version: 5,
      registeredAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await get('/hosts/h2').expect(200)).body).toMatchObject({ maintenance: true, connectionState: 'connected' });
  });

  it('answers 404 with the stable codes', async () => {
    const cases: [string, string][] = [
      ['/hosts/nope', 'HOST_NOT_FOUND'],
      ['/datastores/nope', 'DATASTORE_NOT_FOUND'],
      ['/vms/nope', 'VM_NOT_FOUND'],
      ['/operations/nope', 'OPERATION_NOT_FOUND'],
      ['/vms/nope/history', 'VM_NOT_FOUND'],
      ['/hosts/nope/history', 'HOST_NOT_FOUND'],
      ['/datastores/nope/history', 'DATASTORE_NOT_FOUND'],
    ];
    for (const [path, code] of cases) {
      expect((await get(path).expect(404)).body).toMatchObject({ statusCode: 404, code });
    }
  });

  it('shows datastores with free space', async () => {
    const { body } = await get('/datastores/ds1').expect(200);
    expect(body).toMatchObject({ id: 'ds1', name: 'fast', capacityGiB: 100, usedMiB: 512, freeMiB: 100 * 1024 - 512, version: 3 });
  });

  it('filters VMs and gives a VM its version as ETag', async () => {
    expect((await get('/vms?powerState=poweredOn').expect(200)).body.map((vm: { id: string }) => vm.id)).toEqual(['vm1']);
    expect((await get('/vms?hostId=h2').expect(200)).body).toEqual([]);
    expect((await get('/vms?powerState=sideways').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const response = await get('/vms/vm1').expect(200);
    expect(response.body).toMatchObject({ id: 'vm1', vcpus: 4, memoryMiB: 4096, powerState: 'poweredOn', activeOperationId: null });
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
  });

  it('rebuilds a VM as it was at a time from its own events', async () => {
    const history = (await get('/vms/vm1/history?type=vm.created,vm.reconfigured').expect(200)).body.items;
    const [created, reconfigured] = history;
    expect([created.type, reconfigured.type]).toEqual(['vm.created', 'vm.reconfigured']);
    const before = await get(`/vms/vm1?at=${encodeURIComponent(created.occurredAt)}`).expect(200);
    expect(before.body).toMatchObject({ vcpus: 2, memoryMiB: 2048, powerState: 'poweredOff', version: 0 });
    expect(before.headers.etag).toBe('"0"');
    const after = await get(`/vms/vm1?at=${encodeURIComponent(reconfigured.occurredAt)}`).expect(200);
    expect(after.body).toMatchObject({ vcpus: 4, memoryMiB: 4096, powerState: 'poweredOn', version: reconfigured.streamVersion + 1 });
    expect((await get('/vms/vm1?at=2000-01-01T00:00:00Z').expect(404)).body.code).toBe('VM_NOT_FOUND');
    expect((await get('/vms/vm1?at=yesterday').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await get('/vms/vm2').expect(404)).body.code).toBe('VM_NOT_FOUND');
  });

  it('pages every list with limit and cursor, the next page\'s cursor in Next-Cursor, absent on the last page', async () => {
    const idsOf = (body: { id: string }[]) => body.map((item) => item.id);
    for (const path of ['/hosts', '/datastores', '/vms', '/operations', '/operations?vmId=vm1']) {
      const whole = idsOf((await get(path).expect(200)).body);
      const paged: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const response = await get(`${path}${separator}limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(response.body.length).toBeLessThanOrEqual(1);
        paged.push(...idsOf(response.body));
        cursor = response.headers['next-cursor'];
        pages += 1;
      } while (cursor !== undefined && pages < 20);
      expect({ path, paged }).toEqual({ path, paged: whole });
      expect(pages).toBe(Math.max(whole.length, 1));
    }
    for (const bad of ['/vms?limit=0', '/operations?limit=501', '/hosts?cursor=bm9wZQ', '/datastores?limit=x']) {
      expect({ bad, code: (await get(bad)).body.code }).toEqual({ bad, code: 'VALIDATION_FAILED' });
    }
  });

  it('lists operations newest first with filters, and shows one in full', async () => {
    const ids = (path: string) => get(path).then((response) => response.body.map((operation: { id: string }) => operation.id));
    expect(await ids('/operations')).toEqual(['op3', 'op2', 'op1']);
    expect(await ids('/operations?vmId=vm1')).toEqual(['op3', 'op1']);
    expect(await ids('/operations?state=rolled-back')).toEqual(['op2']);
    expect(await ids('/operations?kind=relocate')).toEqual(['op3']);
    const { body } = await get('/operations/op1').expect(200);
    expect(body).toMatchObject({
      kind: 'hot-add',
      vmId: 'vm1',
      state: 'succeeded',
      phase: null,
      progress: { done: 524288, total: 524288, unit: 'pframes' },
      stunMs: 4.2,
      slaMs: 1000,
      slaBreached: false,
      checksum: 'abc',
    });
    expect(body.phases.map((phase: { name: string }) => phase.name)).toEqual(['prepare', 'pframe-transfer']);
    expect(body.segments.every((segment: { state: string }) => segment.state === 'done')).toBe(true);
    expect(body.error).toBeUndefined();
    expect((await get('/operations/op2').expect(200)).body.error).toEqual({ code: 'CHECKSUM_MISMATCH', message: 'segment 1 differs' });
  });

  it('pages through a history with a cursor and filters it', async () => {
    const first = (await get('/vms/vm1/history?limit=3').expect(200)).body;
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toEqual(expect.objectContaining({ position: expect.any(Number), streamVersion: 0, type: 'vm.created', actor: 'admin:test' }));
    const second = (await get(`/vms/vm1/history?limit=500&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.nextCursor).toBeNull();
    const positions = [...first.items, ...second.items].map((item: { position: number }) => item.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const commits = (await get('/hosts/h1/history?type=host.vm-memory-committed&operationId=op1').expect(200)).body.items;
    expect(commits.map((item: { data: { memoryMiB: number } }) => item.data.memoryMiB)).toEqual([4096]);
    const space = (await get('/datastores/ds1/history?type=datastore.space-freed').expect(200)).body.items;
    expect(space.map((item: { data: { vmId: string } }) => item.data.vmId)).toEqual(['vm2']);
    expect((await get('/vms/vm1/history?limit=501').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await get('/vms/vm1/history?cursor=bogus').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('reads the global log after a position', async () => {
    const { body } = await get('/events?after=2&limit=3').expect(200);
    expect(body.items.map((item: { position: number }) => item.position)).toEqual([3, 4, 5]);
    expect(body.items[0]).toMatchObject({ streamId: 'host-h2', streamVersion: 0, type: 'host.registered' });
    expect(body.nextAfter).toBe(5);
    const next = (await get(`/events?cursor=${body.nextCursor}&limit=3`).expect(200)).body;
    expect(next.items[0].position).toBe(6);
  });

  it('reads a history newest first with order=desc, paging down with its cursor', async () => {
    const oldestFirst = (await get('/vms/vm1/history?limit=500').expect(200)).body.items.map((item: { position: number }) => item.position);
    const newestFirst: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { position: number }[]; nextCursor: string | null } = (
        await get(`/vms/vm1/history?order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ).body;
      newestFirst.push(...page.items.map((item) => item.position));
      cursor = page.nextCursor;
    } while (cursor !== null && newestFirst.length < 100);
    expect(oldestFirst.length).toBeGreaterThan(2);
    expect(newestFirst).toEqual([...oldestFirst].reverse());
    expect((await get('/vms/vm1/history?order=sideways')).body.code).toBe('VALIDATION_FAILED');
  });

  it('documents the read endpoints with their response schemas', async () => {
    const { body } = await request(stack.baseUrl).get('/docs-json').set(bearer(KEYS.viewer)).expect(200);
    const schemaOf = (path: string) => JSON.stringify(body.paths[path]?.get?.responses?.['200']);
    expect(schemaOf('/api/v1/hosts/{id}')).toContain('HostResponse');
    expect(schemaOf('/api/v1/vms/{id}')).toContain('VmResponse');
    expect(schemaOf('/api/v1/operations')).toContain('OperationResponse');
    expect(schemaOf('/api/v1/vms/{id}/history')).toContain('HistoryPageResponse');
    expect(body.components.schemas.OperationResponse.properties.segments.items.$ref).toContain('OperationSegmentResponse');
  });
});
