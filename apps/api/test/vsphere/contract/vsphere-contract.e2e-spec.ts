import request from 'supertest';
import { KEYS, Role, TestStack } from '../../support/test-stack';
import { Expected, problemsOf, Walked } from './contract-walk';
import { Dialect } from './spec-schemas';

jest.setTimeout(180_000);

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * Walks every route of the vSphere API in both dialects, successes and errors, and checks each answer
 * against our schemas of the spec's definitions, its status and its exact Content-Type.
 */
describe('vSphere API contract', () => {
  let stack: TestStack;
  const walked: Walked[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    // Slow copies, so that a relocation is still running when the walk calls into it.
    stack = await TestStack.start({ hosts: ['host-1'], env: { VSPHERE_RELOCATE_MAX_COPY_MIBPS: '1' } });
    for (const name of ['ds1', 'ds2']) await stack.http().post('/datastores', { name, capacityGiB: 4 }).expect(201);
  });
  afterAll(() => stack?.close());

  const server = () => stack.app.getHttpServer();

  /** One call: records the route it exercised and what was wrong with the answer. */
  async function call(dialect: Dialect, session: string | undefined, method: Method, url: string, route: string, expected: Expected, body?: unknown) {
    let pending = request(server())[method](url);
    if (session) pending = pending.set('vmware-api-session-id', session);
    if (body !== undefined) pending = typeof body === 'string' ? pending.set('content-type', 'application/json').send(body) : pending.send(body as object);
    const response = await pending;
    walked.push({ method: method.toUpperCase(), route });
    problems.push(...problemsOf(dialect, response, expected).map((problem) => `${method.toUpperCase()} ${url}: ${problem}`));
    return response;
  }

  const valueOf = (dialect: Dialect, text: string) => (dialect === 'api' ? JSON.parse(text) : JSON.parse(text).value);

  async function login(dialect: Dialect, role: Role): Promise<string> {
    if (dialect === 'api') {
      const response = await call(dialect, undefined, 'post', '/api/session', '/api/session', { body: 'sessionId', status: 201 }, undefined);
      return response.status === 201 ? JSON.parse(response.text) : '';
    }
    const response = await request(server()).post('/rest/com/vmware/cis/session').auth(`${role}@vsphere.local`, KEYS[role]);
    walked.push({ method: 'POST', route: '/rest/com/vmware/cis/session' });
    problems.push(...problemsOf(dialect, response, { body: 'sessionId' }));
    const id = JSON.parse(response.text).value as string;
    if (!String(response.headers['set-cookie'] ?? '').includes(`vmware-api-session-id=${id}`)) problems.push('the /rest login sets no vmware-api-session-id cookie');
    return id;
  }

  async function walk(dialect: Dialect) {
    const p = (path: string) => `/${dialect}/${path}`;
    const spec = (value: unknown) => (dialect === 'api' ? value : { spec: value });
    const unauthenticated = await call(dialect, undefined, 'get', p('vcenter/vm'), `/${dialect}/vcenter/vm`, { error: 'UNAUTHENTICATED', status: 401 });
    expect(unauthenticated.headers['www-authenticate']).toMatch(/^Basic/);
    const badLogin = await request(server()).post(dialect === 'api' ? '/api/session' : '/rest/com/vmware/cis/session').auth('someone', 'not-a-key-0000000000');
    problems.push(...problemsOf(dialect, badLogin, { error: 'UNAUTHENTICATED', status: 401 }));

    const s = dialect === 'api' ? JSON.parse((await request(server()).post('/api/session').auth('operator@vsphere.local', KEYS.operator)).text) : await login(dialect, 'operator');
    if (dialect === 'api') await request(server()).post('/api/session').auth('x', KEYS.operator).then((response) => problems.push(...problemsOf('api', response, { body: 'sessionId', status: 201 })));
    walked.push({ method: 'POST', route: '/api/session' });
    const r = (path: string) => `/${dialect}/${path}`;
    const sessionRoute = dialect === 'api' ? '/api/session' : '/rest/com/vmware/cis/session';
    await call(dialect, s, 'get', sessionRoute, sessionRoute, { body: 'sessionInfo' });
    if (dialect === 'rest') await call(dialect, s, 'post', `${sessionRoute}?~action=get`, sessionRoute, { body: 'sessionInfo' });

    for (const [path, body] of [['datacenter', 'datacenters'], ['cluster', 'clusters'], ['folder', 'folders'], ['resource-pool', 'resourcePools'], ['host', 'hosts'], ['datastore', 'datastores'], ['network', 'networks'], ['vm', 'vms']] as const) {
      await call(dialect, s, 'get', p(`vcenter/${path}`), r(`vcenter/${path}`), { body });
    }
    const filter = (name: string, value: string) => (dialect === 'api' ? `${name}=${value}` : `filter.${name}.1=${value}`);
    await call(dialect, s, 'get', p(`vcenter/folder?${filter('type', 'HOST')}`), r('vcenter/folder'), { body: 'folders' });
    await call(dialect, s, 'get', p(`vcenter/vm?${filter('power_states', 'ON')}`), r('vcenter/vm'), { error: 'INVALID_ARGUMENT', status: 400 });
    await call(dialect, s, 'get', p('vcenter/host?colour=red'), r('vcenter/host'), { error: 'INVALID_ARGUMENT', status: 400 });
    await call(dialect, s, 'get', p('vcenter/datacenter/datacenter-3'), r('vcenter/datacenter/:datacenter'), { body: 'datacenterInfo' });
    await call(dialect, s, 'get', p('vcenter/datacenter/datacenter-99'), r('vcenter/datacenter/:datacenter'), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'get', p('vcenter/cluster/domain-c8'), r('vcenter/cluster/:cluster'), { body: 'clusterInfo' });
    await call(dialect, s, 'get', p('vcenter/cluster/domain-c9'), r('vcenter/cluster/:cluster'), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'get', p('vcenter/resource-pool/resgroup-9'), r('vcenter/resource-pool/:pool'), { body: 'resourcePoolInfo' });
    await call(dialect, s, 'get', p('vcenter/resource-pool/resgroup-1'), r('vcenter/resource-pool/:pool'), { error: 'NOT_FOUND', status: 404 });
    const datastores = valueOf(dialect, (await request(server()).get(p('vcenter/datastore')).set('vmware-api-session-id', s)).text) as { datastore: string; name: string }[];
    const ds = (name: string) => datastores.find((candidate) => candidate.name === name)!.datastore;
    await call(dialect, s, 'get', p(`vcenter/datastore/${ds('ds1')}`), r('vcenter/datastore/:datastore'), { body: 'datastoreInfo' });
    await call(dialect, s, 'get', p('vcenter/datastore/datastore-77777'), r('vcenter/datastore/:datastore'), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'get', p('vcenter/nothing-here'), r('vcenter/nothing-here'), { error: 'NOT_FOUND', status: 404 });
    walked.pop();

    const create = { guest_OS: 'OTHER_LINUX_64', name: `contract-${dialect}`, placement: { datastore: ds('ds1'), folder: 'group-v4' }, cpu: { count: 2, hot_add_enabled: true }, memory: { size_MiB: 256, hot_add_enabled: true }, disks: [{ new_vmdk: { capacity: 1048576 } }] };
    await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ ...create, guest_OS: undefined }));
    await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ ...create, placement: { folder: 'group-v99' } }));
    await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'INVALID_ARGUMENT', status: 400 }, '{"guest_OS": ');
    const existingVmdk = { ...create, disks: [{ backing: { type: 'VMDK_FILE', vmdk_file: '[ds1] other/other.vmdk' } }] };
    await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'UNSUPPORTED', status: 400 }, spec(existingVmdk));
    const { name: _name, ...nameless } = create;
    const unnamed = valueOf(dialect, (await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { body: 'vmId', status: 201 }, spec(nameless))).text) as string;
    const unnamedInfo = valueOf(dialect, (await call(dialect, s, 'get', p(`vcenter/vm/${unnamed}`), r('vcenter/vm/:vm'), { body: 'vmInfo' })).text) as { name: string };
    expect(unnamedInfo.name).toMatch(/^Virtual Machine [0-9a-f]{8}$/);
    await call(dialect, s, 'delete', p(`vcenter/vm/${unnamed}`), r('vcenter/vm/:vm'), { empty: true });
    const vmsBefore = (await stack.http().get('/vms')).body.length;
    const vm = valueOf(dialect, (await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { body: 'vmId', status: 201 }, spec(create))).text) as string;
    expect((await stack.http().get('/vms')).body.length).toBe(vmsBefore + 1);
    const ourId = (await stack.http().get('/vms')).body.find((one: { name: string }) => one.name === create.name).id;
    const recorded = async () => JSON.stringify([(await stack.http().get('/vms')).body, (await stack.http().get(`/vms/${ourId}/history`)).body]);
    const beforeTaken = await recorded();
    await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'ALREADY_EXISTS', status: 400 }, spec({ ...create, placement: { datastore: ds('ds2') } }));
    expect(await recorded()).toBe(beforeTaken);
    const v = (path = '') => p(`vcenter/vm/${vm}${path}`);
    const vr = (path = '') => r(`vcenter/vm/:vm${path}`);
    await call(dialect, s, 'get', v(), vr(), { body: 'vmInfo' });
    await call(dialect, s, 'get', p('vcenter/vm/vm-999999'), vr(), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'get', v('/power'), vr('/power'), { body: 'powerInfo' });
    const power = (action: string) => (dialect === 'api' ? [v(`/power?action=${action}`), vr('/power')] : [v(`/power/${action}`), vr('/power/:action')]);
    await call(dialect, s, 'post', power('suspend')[0], power('suspend')[1], { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 });
    await call(dialect, s, 'post', power('hibernate')[0], power('hibernate')[1], { error: 'INVALID_ARGUMENT', status: 400 });
    await call(dialect, s, 'post', power('start')[0], power('start')[1], { empty: true });
    await call(dialect, s, 'post', power('start')[0], power('start')[1], { error: 'ALREADY_IN_DESIRED_STATE', status: 400 });
    await call(dialect, s, 'get', v('/hardware'), vr('/hardware'), { body: 'hardwareInfo' });
    await call(dialect, s, 'get', v('/hardware/cpu'), vr('/hardware/cpu'), { body: 'cpuInfo' });
    await call(dialect, s, 'get', v('/hardware/memory'), vr('/hardware/memory'), { body: 'memoryInfo' });
    const version = async () => (await stack.http().get(`/vms?name=contract-${dialect}`)).body;
    const before = JSON.stringify(await version());
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 }, spec({ count: 1 }));
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 }, spec({ hot_add_enabled: false }));
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ count: 'four' }));
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ count: 3, colour: 'red' }));
    await call(dialect, s, 'patch', v('/hardware/memory'), vr('/hardware/memory'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ size_MiB: 300 }));
    await call(dialect, s, 'patch', v('/hardware/memory'), vr('/hardware/memory'), { error: 'UNABLE_TO_ALLOCATE_RESOURCE', status: 400 }, spec({ size_MiB: 256 * 17 }));
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'UNSUPPORTED', status: 400 }, spec({ hot_remove_enabled: true }));
    expect(JSON.stringify(await version())).toBe(before);
    await call(dialect, s, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { empty: true }, spec({ count: 4 }));
    const task = valueOf(dialect, (await call(dialect, s, 'patch', `${v('/hardware/memory')}?vmw-task=true`, vr('/hardware/memory'), { body: 'taskId', status: 202 }, spec({ size_MiB: 512 }))).text) as string;
    const t = (path: string) => (dialect === 'api' ? `/api/cis/tasks${path}` : `/rest/cis/tasks${path}`);
    let info: { status: string } = { status: 'PENDING' };
    for (let attempt = 0; attempt < 200 && !['SUCCEEDED', 'FAILED'].includes(info.status); attempt++) {
      info = valueOf(dialect, (await call(dialect, s, 'get', t(`/${task}`), t('/:task'), { body: 'taskInfo' })).text);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(info.status).toBe('SUCCEEDED');
    await call(dialect, s, 'get', t('/no-such-task'), t('/:task'), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'post', t(`/${task}?action=cancel`), t('/:task'), { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 });
    if (dialect === 'api') {
      await call(dialect, s, 'post', '/api/cis/tasks?action=list', '/api/cis/tasks', { body: 'tasks' }, { filter_spec: { tasks: [task] } });
      await call(dialect, s, 'post', '/api/cis/tasks?action=list', '/api/cis/tasks', { error: 'INVALID_ARGUMENT', status: 400 }, { filter_spec: { status: ['DONE'] } });
    } else {
      await call(dialect, s, 'get', '/rest/cis/tasks', '/rest/cis/tasks', { body: 'tasks' });
    }

    await call(dialect, s, 'get', v('/hardware/disk'), vr('/hardware/disk'), { body: 'disks' });
    await call(dialect, s, 'get', v('/hardware/disk/2000'), vr('/hardware/disk/:disk'), { body: 'diskInfo' });
    await call(dialect, s, 'get', v('/hardware/disk/2999'), vr('/hardware/disk/:disk'), { error: 'NOT_FOUND', status: 404 });
    await call(dialect, s, 'post', v('/hardware/disk'), vr('/hardware/disk'), { body: 'deviceId', status: 201 }, spec({ new_vmdk: { capacity: 1048576 } }));
    await call(dialect, s, 'get', v('/hardware/ethernet'), vr('/hardware/ethernet'), { body: 'nics' });
    await call(dialect, s, 'post', v('/hardware/ethernet'), vr('/hardware/ethernet'), { body: 'deviceId', status: 201 }, spec({ backing: { type: 'STANDARD_PORTGROUP', network: 'network-10' } }));
    await call(dialect, s, 'post', v('/hardware/ethernet'), vr('/hardware/ethernet'), { error: 'INVALID_ARGUMENT', status: 400 }, spec({ backing: { type: 'STANDARD_PORTGROUP', network: 'network-404' } }));
    await call(dialect, s, 'get', v('/hardware/ethernet/4000'), vr('/hardware/ethernet/:nic'), { body: 'ethernetInfo' });
    await call(dialect, s, 'get', v('/hardware/ethernet/4009'), vr('/hardware/ethernet/:nic'), { error: 'NOT_FOUND', status: 404 });

    await call(dialect, s, 'post', `${v()}?action=relocate`, vr(), { error: 'INVALID_ARGUMENT', status: 400 }, spec({}));
    await call(dialect, s, 'post', `${v()}?action=relocate`, vr(), { error: 'NOT_FOUND', status: 404 }, spec({ placement: { datastore: ds('ds2'), host: 'host-999999' } }));
    await call(dialect, s, 'post', `${v()}?action=clone`, vr(), { error: 'INVALID_ARGUMENT', status: 400 }, spec({}));
    const toDs2 = dialect === 'api'
      ? { '2000': { datastore: ds('ds2') }, '2001': { datastore: ds('ds2') } }
      : ['2000', '2001'].map((key) => ({ key, value: { datastore: ds('ds2') } }));
    await call(dialect, s, 'post', `${v()}?action=relocate`, vr(), { empty: true }, spec({ disks: toDs2 }));
    const back = valueOf(dialect, (await call(dialect, s, 'post', `${v()}?action=relocate&vmw-task=true`, vr(), { body: 'taskId', status: 202 }, spec({ placement: { datastore: ds('ds1') } }))).text) as string;
    await call(dialect, s, 'patch', v('/hardware/memory'), vr('/hardware/memory'), { error: 'RESOURCE_BUSY', status: 400 }, spec({ size_MiB: 1024 }));
    await call(dialect, s, 'post', t(`/${back}?action=cancel`), t('/:task'), { empty: true });
    for (let attempt = 0, status = 'RUNNING'; attempt < 200 && !['SUCCEEDED', 'FAILED'].includes(status); attempt++) {
      status = valueOf(dialect, (await call(dialect, s, 'get', t(`/${back}`), t('/:task'), { body: 'taskInfo' })).text).status;
      if (['SUCCEEDED', 'FAILED'].includes(status)) expect(status).toBe('FAILED');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await call(dialect, s, 'delete', v(), vr(), { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 });
    await call(dialect, s, 'post', power('reset')[0], power('reset')[1], { empty: true });
    await call(dialect, s, 'post', power('suspend')[0], power('suspend')[1], { empty: true });
    await call(dialect, s, 'get', v('/power'), vr('/power'), { body: 'powerInfo' });
    await call(dialect, s, 'post', power('stop')[0], power('stop')[1], { empty: true });
    await call(dialect, s, 'post', power('reset')[0], power('reset')[1], { error: 'NOT_ALLOWED_IN_CURRENT_STATE', status: 400 });

    const viewer = dialect === 'api' ? JSON.parse((await request(server()).post('/api/session').auth('viewer', KEYS.viewer)).text) : await login(dialect, 'viewer');
    await call(dialect, viewer, 'get', v(), vr(), { body: 'vmInfo' });
    const viewerBefore = JSON.stringify(await version());
    await call(dialect, viewer, 'post', power('start')[0], power('start')[1], { error: 'UNAUTHORIZED', status: 403 });
    await call(dialect, viewer, 'patch', v('/hardware/cpu'), vr('/hardware/cpu'), { error: 'UNAUTHORIZED', status: 403 }, spec({ count: 6 }));
    await call(dialect, viewer, 'patch', v('/hardware/memory'), vr('/hardware/memory'), { error: 'UNAUTHORIZED', status: 403 }, spec({ size_MiB: 1024 }));
    await call(dialect, viewer, 'post', v('/hardware/disk'), vr('/hardware/disk'), { error: 'UNAUTHORIZED', status: 403 }, spec({}));
    await call(dialect, viewer, 'post', v('/hardware/ethernet'), vr('/hardware/ethernet'), { error: 'UNAUTHORIZED', status: 403 }, spec({}));
    await call(dialect, viewer, 'post', `${v()}?action=relocate`, vr(), { error: 'UNAUTHORIZED', status: 403 }, spec({ placement: { datastore: ds('ds1') } }));
    await call(dialect, viewer, 'post', t(`/${task}?action=cancel`), t('/:task'), { error: 'UNAUTHORIZED', status: 403 });
    await call(dialect, viewer, 'post', p('vcenter/vm'), r('vcenter/vm'), { error: 'UNAUTHORIZED', status: 403 }, spec(create));
    await call(dialect, viewer, 'delete', v(), vr(), { error: 'UNAUTHORIZED', status: 403 });
    expect(JSON.stringify(await version())).toBe(viewerBefore);

    await call(dialect, s, 'delete', v(), vr(), { empty: true });
    await call(dialect, s, 'delete', v(), vr(), { error: 'NOT_FOUND', status: 404 });
    const sameName = valueOf(dialect, (await call(dialect, s, 'post', p('vcenter/vm'), r('vcenter/vm'), { body: 'vmId', status: 201 }, spec(create))).text) as string;
    await call(dialect, s, 'delete', p(`vcenter/vm/${sameName}`), r('vcenter/vm/:vm'), { empty: true });
    if (dialect === 'rest') await call(dialect, s, 'get', '/rest/appliance/networking/interfaces', '/rest/appliance/networking/interfaces', { body: 'interfaces' });
    await call(dialect, s, 'delete', sessionRoute, sessionRoute, { empty: true });
    await call(dialect, s, 'get', sessionRoute, sessionRoute, { error: 'UNAUTHENTICATED', status: 401 });
  }

  it.each<Dialect>(['api', 'rest'])('every answer of the %s dialect, errors included, matches the spec', async (dialect) => {
    await walk(dialect);
    expect(problems).toEqual([]);
  });

  it('walked every vSphere route the application serves', () => {
    const router = (stack.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    const served = router.stack
      .flatMap((layer) => {
        const methods = Object.keys(layer.route?.methods ?? {});
        // A catch-all layer (Express's router.all, every method at once) is not one of our routes.
        return methods.length === 1 ? [`${methods[0].toUpperCase()} ${layer.route!.path}`] : [];
      })
      .filter((route) => /^[A-Z]+ \/(api\/(session|vcenter|cis)|rest)\b/.test(route));
    const seen = new Set(walked.map(({ method, route }) => `${method} ${route}`));
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((route) => !seen.has(route))).toEqual([]);
  });

  it('makes one VM of two creates with one name at once, one per dialect: the other is ALREADY_EXISTS', async () => {
    const session = JSON.parse((await request(server()).post('/api/session').auth('race@vsphere.local', KEYS.operator)).text);
    const datastores = JSON.parse((await request(server()).get('/api/vcenter/datastore').set('vmware-api-session-id', session)).text) as { datastore: string }[];
    // On two datastores: only the name's own stream can make the two appends conflict.
    const create = (datastore: string) => ({ guest_OS: 'OTHER_LINUX_64', name: 'race', placement: { datastore }, disks: [{ new_vmdk: { capacity: 1048576 } }] });
    const [api, rest] = await Promise.all([
      request(server()).post('/api/vcenter/vm').set('vmware-api-session-id', session).send(create(datastores[0].datastore)),
      request(server()).post('/rest/vcenter/vm').set('vmware-api-session-id', session).send({ spec: create(datastores[1].datastore) }),
    ]);
    const expected = (status: number): Expected => (status < 300 ? { body: 'vmId', status: 201 } : { error: 'ALREADY_EXISTS', status: 400 });
    expect([...problemsOf('api', api, expected(api.status)), ...problemsOf('rest', rest, expected(rest.status))]).toEqual([]);
    expect([api.status < 300, rest.status < 300].sort()).toEqual([false, true]);
    expect((await stack.http().get('/vms')).body.filter((vm: { name: string }) => vm.name === 'race')).toHaveLength(1);
  });

  it('leaves our own /api/v1 errors in their own form', async () => {
    const response = await stack.http().get('/vms/no-such-vm');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'VM_NOT_FOUND' });
  });
});
