import fc from 'fast-check';
import request from 'supertest';
import { KEYS, TestStack } from '../support/test-stack';
import { problemsOf } from './contract/contract-walk';

jest.setTimeout(180_000);

const oddBodies = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '[1,', '{"__proto__":{"polluted":1}}', '{"count":1e309}', '{"size_MiB":-1}', '{"spec":{"count":"x"}}', '\u0000'),
);
const oddIds = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('..', '%2e%2e', '%00', 'vm-0', 'vm-99999999999', 'x'.repeat(300), "' OR 1=1 --"));
const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'nonsense');

/** Whatever a client sends, the vSphere API answers a 4xx in its own error form, never a 500, and changes nothing. */
describe('vSphere API bad input', () => {
  let stack: TestStack;
  let session: string;
  let vm: string;
  const server = () => stack.app.getHttpServer();
  const ourVm = async () => (await stack.http('viewer').get('/vms')).body[0];

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: ['host-1'] });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 }).expect(201);
    session = JSON.parse((await request(server()).post('/api/session').auth('fuzz', KEYS.operator)).text);
    const created = await request(server()).post('/api/vcenter/vm').set('vmware-api-session-id', session)
      .send({ guest_OS: 'OTHER_LINUX_64', name: 'fuzz', cpu: { count: 2, hot_add_enabled: true }, memory: { size_MiB: 256, hot_add_enabled: true }, disks: [{ new_vmdk: { capacity: 1048576 } }] });
    vm = JSON.parse(created.text);
    await request(server()).post(`/api/vcenter/vm/${vm}/power?action=start`).set('vmware-api-session-id', session).expect(204);
  });
  afterAll(() => stack?.close());

  it('answers odd bodies on every changing route with a vSphere error, and the VM changes only by what was valid', async () => {
    const before = await ourVm();
    // `{}` is a valid Disk.CreateSpec and Ethernet.CreateSpec (every field optional): such an add really happens.
    const added = { disks: 0, nics: 0 };
    const routes = (dialect: 'api' | 'rest') => [
      ['patch', `/${dialect}/vcenter/vm/${vm}/hardware/cpu`],
      ['patch', `/${dialect}/vcenter/vm/${vm}/hardware/memory`],
      ['post', `/${dialect}/vcenter/vm/${vm}/hardware/disk`],
      ['post', `/${dialect}/vcenter/vm/${vm}/hardware/ethernet`],
      ['post', `/${dialect}/vcenter/vm/${vm}?action=relocate`],
      ['post', `/${dialect}/vcenter/vm`],
      ...(dialect === 'api' ? [['post', '/api/cis/tasks?action=list']] : []),
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('api' as const, 'rest' as const), fc.nat(6), oddBodies, contentTypes, async (dialect, index, body, contentType) => {
        const all = routes(dialect);
        const [method, path] = all[index % all.length];
        const agent = request(server());
        const response = await (method === 'patch' ? agent.patch(path) : agent.post(path)).set('vmware-api-session-id', session).set('content-type', contentType).send(body);
        if (response.status < 300) {
          if (!path.includes('cis/tasks')) expect(JSON.parse(dialect === 'api' ? body : JSON.stringify(JSON.parse(body).spec))).toEqual({});
          if (path.endsWith('/disk')) added.disks += 1;
          if (path.endsWith('/ethernet')) added.nics += 1;
          return;
        }
        expect(response.status).toBeLessThan(500);
        expect(problemsOf(dialect, response, { error: dialect === 'api' ? response.body.error_type : String(response.body.type).split('.').pop()!.toUpperCase(), status: response.status })).toEqual([]);
      }),
      { numRuns: 150 },
    );
    const after = await ourVm();
    expect({ vcpus: after.vcpus, memoryMiB: after.memoryMiB, disks: after.disks.length, nics: after.nics.length, datastoreId: after.datastoreId }).toEqual({
      vcpus: before.vcpus,
      memoryMiB: before.memoryMiB,
      disks: before.disks.length + added.disks,
      nics: before.nics.length + added.nics,
      datastoreId: before.datastoreId,
    });
    expect((await stack.http('viewer').get('/vms')).body).toHaveLength(1);
  });

  it('refuses a body sent as a form or as text with INVALID_ARGUMENT instead of reading it as {}, in both dialects', async () => {
    const cpu = async () => (await ourVm()).vcpus as number;
    const before = await cpu();
    const sent = [
      ['api', 'application/x-www-form-urlencoded', '&'],
      ['api', 'application/x-www-form-urlencoded', 'count=4'],
      ['api', 'text/plain', '{"count":4}'],
      ['rest', 'text/plain', '{"spec":{"count":4}}'],
    ] as const;
    for (const [dialect, contentType, body] of sent) {
      const response = await request(server()).patch(`/${dialect}/vcenter/vm/${vm}/hardware/cpu`).set('vmware-api-session-id', session).set('content-type', contentType).send(body);
      expect([response.status, dialect === 'api' ? response.body.error_type : response.body.type]).toEqual([
        400,
        dialect === 'api' ? 'INVALID_ARGUMENT' : 'com.vmware.vapi.std.errors.invalid_argument',
      ]);
    }
    expect(await cpu()).toBe(before);
    const tasks = await request(server()).post('/api/cis/tasks?action=list').set('vmware-api-session-id', session).set('content-type', 'application/x-www-form-urlencoded').send('&');
    expect([tasks.status, tasks.body.error_type]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  it('answers odd identifiers in every path with NOT_FOUND or INVALID_ARGUMENT', async () => {
    await fc.assert(
      fc.asyncProperty(oddIds, fc.constantFrom('vm/%s', 'vm/%s/power', 'vm/%s/hardware/cpu', 'datastore/%s', 'datacenter/%s', 'vm/x/hardware/disk/%s'), async (id, template) => {
        const response = await request(server()).get(`/api/vcenter/${template.replace('%s', encodeURIComponent(id))}`).set('vmware-api-session-id', session);
        expect([400, 404]).toContain(response.status);
        expect(response.headers['content-type']).toBe('application/json');
        expect(['NOT_FOUND', 'INVALID_ARGUMENT']).toContain(response.body.error_type);
      }),
      { numRuns: 100 },
    );
  });
});
