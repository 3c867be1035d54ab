import request from 'supertest';
import { KEYS, TestStack } from './support/test-stack';

/** Issue 19: the login cookie held the raw key, logout revoked nothing, it was never Secure, and a cross-site form could set it. */
describe('browser sign-in (e2e)', () => {
  let stack: TestStack;
  const http = () => request(stack.app.getHttpServer());
  const signIn = (key: string, headers: Record<string, string> = {}) => http().post('/login').set(headers).type('form').send({ key, next: '/console' });
  const cookieOf = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[])[0];

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: [], https: true });
  }, 60_000);
  afterAll(() => stack?.close(), 30_000);

  it('sets a session id, never the key, that the API accepts until sign-out ends it on the server', async () => {
    const login = await signIn(KEYS.operator, { 'sec-fetch-site': 'same-origin' }).expect(303);
    const cookie = cookieOf(login);
    expect(cookie).toMatch(/^fsr_session=[0-9a-f]{48};/);
    expect(cookie).not.toContain(KEYS.operator);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0];

    await http().get('/api/v1/hosts').set('Cookie', session).expect(200);
    await http().post('/logout').set('Cookie', session).expect(303);
    const after = await http().get('/api/v1/hosts').set('Cookie', session).expect(401);
    expect(after.body.message).toMatch(/sign in again/);
  });

  it('refuses a sign-in form posted from another site, and sets no cookie', async () => {
    const fromElsewhere: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }];
    for (const headers of fromElsewhere) {
      const refused = await signIn(KEYS.admin, headers).expect(403);
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
  });

  it('marks the cookie Secure when the sign-in came over HTTPS', async () => {
    const https = request(`https://127.0.0.1:${stack.httpsPort}`);
    const login = await https.post('/login').disableTLSCerts().type('form').send({ key: KEYS.viewer, next: '/console' }).expect(303);
    expect(cookieOf(login)).toMatch(/;\s*Secure/i);
    expect(cookieOf(await signIn(KEYS.viewer).expect(303))).not.toMatch(/;\s*Secure/i);
  });
});
