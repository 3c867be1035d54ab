import { get } from 'node:https';
import { connect } from 'node:tls';
import { freePort } from '@fsr/testing';
import { KEYS, TestStack } from '../support/test-stack';

jest.setTimeout(120_000);

const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

/** The certificate the HTTPS listener presents, as a fingerprint. */
function presentedCertificate(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

/** Sessions live in the database: they outlast a restart of the control plane, as its certificate does. */
describe('vSphere API sessions across a control-plane restart', () => {
  let stack: TestStack;
  let httpsPort: number;

  beforeAll(async () => {
    httpsPort = await freePort();
    stack = await TestStack.start({ hosts: [], controlPlane: 'process', env: { HTTPS_PORT: String(httpsPort), LOG_LEVEL: 'info', LOG_FORMAT: 'json' } });
  });
  afterAll(() => stack?.close());

  const url = (path: string) => `${stack.controlPlaneProcess.url}${path}`;

  it('serves our own API over HTTPS too, with a certificate kept under DATA_DIR', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const options = { rejectUnauthorized: false, headers: { Authorization: `Bearer ${KEYS.viewer}` } };
      get(`https://127.0.0.1:${httpsPort}/api/v1/hosts`, options, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('keeps a session, the legacy cookie one too, and the certificate across a restart; a closed session is gone', async () => {
    const created = await fetch(url('/api/session'), { method: 'POST', headers: { Authorization: basic('ops', KEYS.operator) } });
    expect(created.status).toBe(201);
    const session = (await created.json()) as string;
    const legacy = await fetch(url('/rest/com/vmware/cis/session'), { method: 'POST', headers: { Authorization: basic('ops', KEYS.operator) } });
    const cookie = legacy.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toBe(`vmware-api-session-id=${((await legacy.json()) as { value: string }).value}`);
    const certificate = await presentedCertificate(httpsPort);

    await stack.controlPlaneProcess.stop('SIGTERM');
    await stack.controlPlaneProcess.start();

    expect(await presentedCertificate(httpsPort)).toBe(certificate);
    const byHeader = await fetch(url('/api/session'), { headers: { 'vmware-api-session-id': session } });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.json()).toMatchObject({ user: 'ops' });
    expect((await fetch(url('/rest/vcenter/vm'), { headers: { cookie } })).status).toBe(200);

    expect((await fetch(url('/api/session'), { method: 'DELETE', headers: { 'vmware-api-session-id': session } })).status).toBe(204);
    const after = await fetch(url('/api/vcenter/vm'), { headers: { 'vmware-api-session-id': session } });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toBe('application/json');
    expect(await after.json()).toMatchObject({ error_type: 'UNAUTHENTICATED' });

    // Every request above was logged: none with its session id, cookie or key.
    const log = stack.controlPlaneProcess.output.join('');
    expect(log).toContain('/api/vcenter/vm');
    for (const secret of [session, cookie.split('=')[1], KEYS.operator, Buffer.from(`ops:${KEYS.operator}`).toString('base64')]) expect(log).not.toContain(secret);
  });
});
