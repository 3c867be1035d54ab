import { presentedKey, readCookie, SESSION_COOKIE } from './credentials';

const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers });

describe('presentedKey', () => {
  it('takes the bearer token of the Authorization header', () => {
    expect(presentedKey(request('POST', '/api/v1/vms', { authorization: 'Bearer abc.def' }))).toEqual({ key: 'abc.def' });
    expect(presentedKey(request('GET', '/api/v1/vms', { authorization: 'Basic abc' }))).toEqual({ problem: 'malformed' });
  });

  it('reports a missing key', () => {
    expect(presentedKey(request('GET', '/api/v1/vms'))).toEqual({ problem: 'missing' });
  });

  it('accepts the login cookie for reads, and for writes only from the same origin', () => {
    const cookie = `other=1; ${SESSION_COOKIE}=k%2Fey`;
    expect(presentedKey(request('GET', '/api/v1/vms', { cookie }))).toEqual({ session: 'k/ey' });
    expect(presentedKey(request('POST', '/api/v1/vms', { cookie, 'sec-fetch-site': 'same-origin' }))).toEqual({ session: 'k/ey' });
    expect(presentedKey(request('POST', '/api/v1/vms', { cookie, origin: 'http://h:3000', host: 'h:3000' }))).toEqual({ session: 'k/ey' });
    expect(presentedKey(request('POST', '/api/v1/vms', { cookie, 'sec-fetch-site': 'cross-site' }))).toEqual({ problem: 'cross-site' });
    expect(presentedKey(request('DELETE', '/api/v1/vms/1', { cookie }))).toEqual({ problem: 'cross-site' });
  });

  it('accepts ?access_token= only on GET for the dashboard, the console and the event stream', () => {
    expect(presentedKey(request('GET', '/api/v1/events/stream?access_token=t1'))).toEqual({ key: 't1' });
    expect(presentedKey(request('GET', '/admin/queues/api/queues?access_token=t2'))).toEqual({ key: 't2' });
    expect(presentedKey(request('GET', '/console?access_token=t3'))).toEqual({ key: 't3' });
    expect(presentedKey(request('GET', '/api/v1/vms?access_token=t4'))).toEqual({ problem: 'missing' });
    expect(presentedKey(request('POST', '/console?access_token=t5'))).toEqual({ problem: 'missing' });
    expect(presentedKey(request('GET', '/consoles?access_token=t6'))).toEqual({ problem: 'missing' });
  });
});

describe('readCookie', () => {
  it('finds a cookie by exact name', () => {
    expect(readCookie('a=1; ab=2', 'ab')).toBe('2');
    expect(readCookie('a=1', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie('a=%E0%A4%A', 'a')).toBeUndefined();
  });
});
