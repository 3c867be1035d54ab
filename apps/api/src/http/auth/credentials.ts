import { IncomingHttpHeaders } from 'node:http';

/** The cookie set by the login form (GET /login) so browsers can open the console, /docs and /admin/queues: a session id, never the key. */
export const SESSION_COOKIE = 'fsr_session';

/** GET paths where `?access_token=` is accepted: pages and streams a browser opens without custom headers. */
const TOKEN_IN_QUERY_PATHS = [/^\/admin\/queues(\/|$)/, /^\/console(\/|$)/, /^\/api\/v1\/events\/stream$/];

export interface CredentialRequest {
  readonly method: string;
  /** Path and query, as received (Express `originalUrl`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export type PresentedKey = { key: string } | { session: string } | { problem: 'missing' | 'malformed' | 'cross-site' };

const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A cookie is sent by the browser on its own, so a state-changing request must come from our own pages. */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/** Where the key comes from: the Authorization header, else the login cookie's session, else `?access_token=` on a few GET paths. */
export function presentedKey(request: CredentialRequest): PresentedKey {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? { key: match[1] } : { problem: 'malformed' };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (cookie) {
    return isSafeMethod(request.method) || isSameOrigin(request.headers) ? { session: cookie } : { problem: 'cross-site' };
  }
  const url = new URL(request.url, 'http://local');
  const token = url.searchParams.get('access_token');
  if (token && request.method === 'GET' && TOKEN_IN_QUERY_PATHS.some((path) => path.test(url.pathname))) {
    return { key: token };
  }
  return { problem: 'missing' };
}
