import fc from 'fast-check';
import { Client } from 'pg';
import { KEYS, TestStack } from './support/test-stack';

interface DocumentedRoute {
  readonly method: string;
  readonly template: string;
  readonly documented: Set<number>;
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]+$/;
const oddIds = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('..', '%2e%2e', '%00', 'x'.repeat(300), '-1', '0', 'null', '{}', '%F0%9F%92%A5', "' OR 1=1 --"),
);
const oddBodies = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '[1,', '{"__proto__":{"polluted":1}}', '{"memoryMiB":1e309}', '{"vcpus":-1}', '\u0000'),
);
const oddHeaders = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'nonsense'),
    'if-match': fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('"1"', 'W/"x"', '*', '"99999999999"')),
    'idempotency-key': fc.oneof(fc.string({ maxLength: 20 }), fc.constant('k'.repeat(300))),
    'x-request-id': fc.string({ maxLength: 80 }),
  },
  { requiredKeys: ['content-type'] },
);
const oddQueries = fc.dictionary(fc.constantFrom('limit', 'after', 'cursor', 'at', 'state', 'type', 'from', 'vmId', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 3 });

/** Fast-check sends malformed ids, bodies, headers and queries to every documented route. */
describe('bad input on every route of the OpenAPI document (e2e)', () => {
  let stack: TestStack;
  let baseUrl: string;
  let routes: DocumentedRoute[];
  let db: Client;
  const realIds: string[] = [];

  const headOfLog = async () => (await db.query('SELECT coalesce(max(position), 0)::text AS head FROM events')).rows[0].head as string;
  const send = async (method: string, path: string, body: string | undefined, headers: Record<string, string>) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${KEYS.admin}`, ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = path.includes('/events/stream') && response.status === 200 ? '' : await response.text();
    return { status: response.status, text };
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    baseUrl = (await stack.app.getUrl()).replace('[::1]', '127.0.0.1');
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const datastore = (await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 })).body.id;
    const vm = (await stack.http().post('/vms', { name: 'vm-1', hostId: 'host-1', datastoreId: datastore, vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 1 }] })).body.id;
    realIds.push(datastore, vm, 'host-1');
    const document = (await stack.http().raw().get('/docs-json').set('Authorization', `Bearer ${KEYS.admin}`)).body;
    routes = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        documented: new Set(Object.keys(operation.responses).map(Number)),
      })),
    );
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  });

  it('never answers 5xx, always a documented status with a stable code, and a refused request changes nothing', async () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(oddIds, fc.constantFrom(...realIds)), oddBodies, oddHeaders, oddQueries, async (id, body, headers, query) => {
          const path = route.template.replace('{id}', encodeURIComponent(id)) + (Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '');
          const before = await headOfLog();
          const { status, text } = await send(route.method, path, route.method === 'GET' ? undefined : body, headers);
          const where = `${route.method} ${path} -> ${status} ${text.slice(0, 200)}`;
          expect({ where, serverError: status >= 500 }).toEqual({ where, serverError: false });
          if (status >= 400) {
            expect({ where, code: JSON.parse(text).code }).toEqual({ where, code: expect.stringMatching(ERROR_CODE) });
            expect({ where, documented: route.documented.has(status) }).toEqual({ where, documented: true });
            expect({ where, head: await headOfLog() }).toEqual({ where, head: before });
          }
        }),
        { numRuns: 15 },
      );
    }
  }, 120_000);

  it('refuses an oversized body on every command route with 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(200 * 1024) });
    for (const route of routes.filter((candidate) => candidate.method !== 'GET')) {
      const path = route.template.replace('{id}', realIds[1]);
      const { status, text } = await send(route.method, path, huge, { 'content-type': 'application/json' });
      expect({ route: `${route.method} ${path}`, status, code: JSON.parse(text).code }).toEqual({ route: `${route.method} ${path}`, status: 413, code: 'PAYLOAD_TOO_LARGE' });
    }
  });

  describe('requests once misread or answered 500', () => {
    type Schema = { $ref?: string; properties?: Record<string, unknown>; required?: string[] };
    const idFor = (template: string) => (template.startsWith('/api/v1/hosts') ? 'host-1' : template.startsWith('/api/v1/datastores') ? realIds[0] : realIds[1]);
    const json = { 'content-type': 'application/json' };

    it('refuses null for every optional field of every command body with 400 VALIDATION_FAILED, running nothing', async () => {
      const document = (await stack.http().raw().get('/docs-json').set('Authorization', `Bearer ${KEYS.admin}`)).body;
      const schemas = document.components.schemas as Record<string, Schema>;
      const optionalFields = Object.entries(document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>).flatMap(
        ([template, item]) =>
          Object.entries(item).flatMap(([method, operation]) => {
            const ref = operation.requestBody?.content['application/json']?.schema.$ref;
            const schema = ref ? schemas[ref.split('/').pop()!] : undefined;
            const required = new Set(schema?.required ?? []);
            return Object.keys(schema?.properties ?? {})
              .filter((field) => !required.has(field))
              .map((field) => ({ method: method.toUpperCase(), path: template.replace('{id}', idFor(template)), field }));
          }),
      );
      expect(optionalFields.map(({ path, field }) => `${String(path.split('/').pop())} ${field}`)).toEqual(
        expect.arrayContaining(['hot-add dryRun', 'relocate dryRun', 'workload diskWriteMiBps', 'vms cpuHotAddEnabled']),
      );
      for (const { method, path, field } of optionalFields) {
        const before = await headOfLog();
        const { status, text } = await send(method, path, JSON.stringify({ [field]: null }), json);
        const body = JSON.parse(text);
        const where = `${method} ${path} { ${field}: null }`;
        expect({ where, status, code: body.code, named: body.details?.some((detail: { field: string }) => detail.field === field) }).toEqual({
          where,
          status: 400,
          code: 'VALIDATION_FAILED',
          named: true,
        });
        expect({ where, head: await headOfLog() }).toEqual({ where, head: before });
      }
    });

    it('names the VM a hot add was sent for when it does not exist, and says what is wrong with each field', async () => {
      for (const dryRun of [false, true]) {
        const { status, text } = await send('POST', '/api/v1/vms/no-such-vm/hot-add', JSON.stringify({ vcpus: 2, dryRun }), json);
        expect({ status, body: JSON.parse(text) }).toMatchObject({ status: 404, body: { code: 'VM_NOT_FOUND', message: 'VM no-such-vm does not exist' } });
      }
      const create = async (body: object) => JSON.parse((await send('POST', '/api/v1/vms', JSON.stringify(body), json)).text);
      const base = { name: 'messages', hostId: 'host-1', datastoreId: realIds[0], vcpus: 1, memoryMiB: 256 };
      expect((await create(base)).message).toMatch(/^Invalid request: disks is required: a list such as/);
      expect((await create({ ...base, vcpus: 'four', disks: [{ sizeMiB: 1 }] })).details).toEqual([{ field: 'vcpus', problems: ['vcpus must be an integer number'] }]);
    });

    it('refuses "dryRun": null beside an otherwise valid change, which once ran the change', async () => {
      // A VM of its own: the property test above may have deleted the shared one with a valid DELETE.
      const spec = { name: 'dry-run-null', hostId: 'host-1', datastoreId: realIds[0], vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 1 }] };
      const vmId = (await stack.http().post('/vms', spec).expect(201)).body.id as string;
      for (const [path, change] of [
        [`/api/v1/vms/${vmId}/hot-add`, { vcpus: 2 }],
        [`/api/v1/vms/${vmId}/relocate`, { datastoreId: realIds[0] }],
      ] as const) {
        const before = await headOfLog();
        const { status, text } = await send('POST', path, JSON.stringify({ ...change, dryRun: null }), json);
        expect({ path, status, body: JSON.parse(text) }).toMatchObject({ path, status: 400, body: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'dryRun' })] } });
        expect(await headOfLog()).toBe(before);
      }
      expect((await stack.http().get(`/vms/${vmId}`)).body.vcpus).toBe(1);
    });

    it('answers 400 VALIDATION_FAILED to JSON nested 5,000 deep and to a NUL in a name, an id or a query', async () => {
      const before = await headOfLog();
      const deep = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const vm = { name: 'nul-free', hostId: 'host-1', datastoreId: realIds[0], vcpus: 1, memoryMiB: 256, disks: [{ sizeMiB: 1 }] };
      const answers = [
        await send('POST', '/api/v1/vms', deep, json),
        await send('POST', `/api/v1/vms/${realIds[1]}/hot-add`, `{"devices":${'['.repeat(5000)}${']'.repeat(5000)}}`, json),
        await send('POST', '/api/v1/vms', JSON.stringify({ ...vm, name: 'vm\u0000x' }), json),
        await send('POST', '/api/v1/vms', JSON.stringify({ ...vm, hostId: 'host-1\u0000' }), json),
        await send('POST', `/api/v1/vms/${realIds[1]}/relocate`, JSON.stringify({ datastoreId: '\u0000' }), json),
        await send('GET', '/api/v1/operations?vmId=%00', undefined, {}),
        await send('GET', `/api/v1/vms/${realIds[1]}/history?actor=a%00b`, undefined, {}),
      ];
      for (const { status, text } of answers) expect({ status, code: JSON.parse(text).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await headOfLog()).toBe(before);
    });

    it('answers 415 UNSUPPORTED_MEDIA_TYPE to a body that is not JSON on every command that takes one, running nothing', async () => {
      const before = await headOfLog();
      const workload = await send('POST', `/api/v1/vms/${realIds[1]}/workload`, '{"diskWriteMiBps":5}', { 'content-type': 'text/plain' });
      expect({ status: workload.status, code: JSON.parse(workload.text).code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      for (const route of routes.filter((candidate) => candidate.method !== 'GET')) {
        const path = route.template.replace('{id}', idFor(route.template));
        const { status, text } = await send(route.method, path, '{}', { 'content-type': 'text/plain' });
        expect({ route: `${route.method} ${path}`, status, code: JSON.parse(text).code }).toEqual({ route: `${route.method} ${path}`, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      }
      expect(await headOfLog()).toBe(before);
    });

    it('answers 400 VALIDATION_FAILED to event positions past a bigint, on the log and its stream', async () => {
      const tooFar = ['9223372036854775808', '1e30', '99999999999999999999'];
      for (const after of tooFar) {
        const { status, text } = await send('GET', `/api/v1/events?after=${after}`, undefined, {});
        expect({ after, status, code: JSON.parse(text).code }).toEqual({ after, status: 400, code: 'VALIDATION_FAILED' });
      }
      const streamed = await send('GET', '/api/v1/events/stream', undefined, { 'Last-Event-ID': '9999999999999999999' });
      expect({ status: streamed.status, code: JSON.parse(streamed.text).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const cursor = Buffer.from('p:9999999999999999999').toString('base64url');
      const paged = await send('GET', `/api/v1/vms/${realIds[1]}/history?cursor=${cursor}`, undefined, {});
      expect({ status: paged.status, code: JSON.parse(paged.text).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const last = await send('GET', '/api/v1/events?after=9223372036854775807', undefined, {});
      expect(last.status).toBe(200);
    });
  });

  describe('Idempotency-Key and If-Match', () => {
    const vmSpec = (name: string) => ({ name, hostId: 'host-1', datastoreId: realIds[0], vcpus: 1, memoryMiB: 256, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] });
    const post = (path: string, body: object, headers: Record<string, string>) => stack.http('operator').post(path, body).set(headers);

    it('answers a retried create with the first answer, and creates once', async () => {
      const first = await post('/vms', vmSpec('idem-1'), { 'Idempotency-Key': 'create-idem-1' });
      const retry = await post('/vms', vmSpec('idem-1'), { 'Idempotency-Key': 'create-idem-1' });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const named = (await stack.http('viewer').get('/vms')).body.filter((vm: { name: string }) => vm.name === 'idem-1');
      expect(named).toHaveLength(1);
    });

    it('runs a retry of a refused command again, and refuses a key reused for another request', async () => {
      const refused = await post('/vms', { ...vmSpec('idem-2'), vcpus: 0 }, { 'Idempotency-Key': 'create-idem-2' });
      expect(refused.status).toBe(400);
      const retried = await post('/vms', vmSpec('idem-2'), { 'Idempotency-Key': 'create-idem-2' });
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();

      const reused = await post(`/vms/${retried.body.id}/power`, { action: 'on' }, { 'Idempotency-Key': 'create-idem-2' });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED, and runs nothing', async () => {
      const first = await post('/vms', vmSpec('idem-5'), { 'Idempotency-Key': 'create-idem-5' });
      const before = await headOfLog();
      const other = await post('/vms', vmSpec('idem-5-other'), { 'Idempotency-Key': 'create-idem-5' });

      expect(first.status).toBe(201);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await headOfLog()).toBe(before);
      const names = (await stack.http('viewer').get('/vms')).body.map((vm: { name: string }) => vm.name);
      expect(names).not.toContain('idem-5-other');
    });

    it('gives a retried hot-add the same operation instead of a second one', async () => {
      const vm = (await post('/vms', vmSpec('idem-3'), {})).body;
      await post(`/vms/${vm.id}/power`, { action: 'on' }, {});
      const first = await post(`/vms/${vm.id}/hot-add`, { memoryMiB: 512 }, { 'Idempotency-Key': 'hot-add-idem-3' });
      const retry = await post(`/vms/${vm.id}/hot-add`, { memoryMiB: 512 }, { 'Idempotency-Key': 'hot-add-idem-3' });

      expect(first.status).toBe(202);
      expect(retry.status).toBe(202);
      expect(retry.body.operationId).toBe(first.body.operationId);
      expect(retry.headers.location).toBe(first.headers.location);
      await stack.waitForOperation(first.body.operationId);
      expect((await stack.http('viewer').get(`/operations?vmId=${vm.id}`)).body).toHaveLength(1);
    });

    it('refuses a stale If-Match on workload, cancel and maintenance too, and documents If-Match on every command of a VM, host or operation', async () => {
      const vm = (await post('/vms', vmSpec('idem-6'), {})).body;
      const staleVm = (await stack.http('viewer').get(`/vms/${vm.id}`)).headers.etag;
      await post(`/vms/${vm.id}/power`, { action: 'on' }, {});
      const operationId = (await post(`/vms/${vm.id}/hot-add`, { memoryMiB: 512 }, {})).body.operationId;
      await stack.waitForOperation(operationId);
      const operationVersion = (await stack.http('viewer').get(`/operations/${operationId}`)).body.version;
      const hostEtag = (await stack.http('viewer').get('/hosts/host-1')).headers.etag;
      expect(hostEtag).toMatch(/^"\d+"$/);
      const before = await headOfLog();

      const stale = [
        await post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 1 }, { 'If-Match': staleVm }),
        await post(`/operations/${operationId}/cancel`, {}, { 'If-Match': `"${operationVersion - 1}"` }),
        await stack.http('admin').post('/hosts/host-1/maintenance', { enabled: false }).set('If-Match', `"${Number(hostEtag.replaceAll('"', '')) + 1}"`),
      ];
      for (const answer of stale) expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 409, code: 'WRONG_EXPECTED_VERSION' });
      expect(await headOfLog()).toBe(before);
      const fresh = (await stack.http('viewer').get(`/vms/${vm.id}`)).headers.etag;
      expect((await post(`/vms/${vm.id}/workload`, { diskWriteMiBps: 1 }, { 'If-Match': fresh })).status).toBe(200);
      expect((await stack.http('admin').post('/hosts/host-1/maintenance', { enabled: false }).set('If-Match', hostEtag)).status).toBe(200);

      const document = (await stack.http().raw().get('/docs-json').set('Authorization', `Bearer ${KEYS.admin}`)).body;
      const commandsOfOne = Object.entries(document.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>).flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => method !== 'get' && template.includes('{id}') && !template.startsWith('/api/v1/datastores'))
          .map(([method, operation]) => ({ route: `${method} ${template}`, ifMatch: (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'If-Match') })),
      );
      expect(commandsOfOne.length).toBeGreaterThanOrEqual(7);
      expect(commandsOfOne.filter(({ ifMatch }) => !ifMatch)).toEqual([]);
    });

    it('refuses a command whose If-Match names a version the VM has left with WRONG_EXPECTED_VERSION', async () => {
      const vm = (await post('/vms', vmSpec('idem-4'), {})).body;
      const { etag } = (await stack.http('viewer').get(`/vms/${vm.id}`)).headers;
      expect((await post(`/vms/${vm.id}/power`, { action: 'on' }, { 'If-Match': etag })).status).toBe(200);
      const stale = await post(`/vms/${vm.id}/power`, { action: 'off' }, { 'If-Match': etag });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('WRONG_EXPECTED_VERSION');
      const fresh = (await stack.http('viewer').get(`/vms/${vm.id}`)).headers.etag;
      expect((await post(`/vms/${vm.id}/power`, { action: 'off' }, { 'If-Match': fresh })).status).toBe(200);
    });
  });
});
