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
          const path = route.template.replace('{id}', encodeURIComponent(id)) + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
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
