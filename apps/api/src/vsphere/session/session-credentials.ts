import type { IncomingHttpHeaders } from 'node:http';
import { readCookie } from '../../http/auth/credentials';

export const SESSION_HEADER = 'vmware-api-session-id';

/** The session id from the `vmware-api-session-id` header, else that cookie. */
export function sessionIdOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers[SESSION_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() || readCookie(headers.cookie, SESSION_HEADER) || undefined;
}

export interface BasicCredentials {
  readonly userName: string;
  readonly password: string;
}

/** `Authorization: Basic base64(user:password)`; undefined when absent or malformed. */
export function basicCredentialsOf(headers: IncomingHttpHeaders): BasicCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
