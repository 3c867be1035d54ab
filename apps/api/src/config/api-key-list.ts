import { Role } from '../http/auth/roles.decorator';

export interface ApiKeyEntry {
  readonly role: Role;
  readonly key: string;
}

const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];
const MIN_KEY_LENGTH = 16;

/**
 * Parses `role:key,role:key`. Problems name the entry by position, never by content,
 * so a key never ends up in an error message or a log.
 */
export function parseApiKeyList(raw: string): { entries: ApiKeyEntry[]; problems: string[] } {
  const entries: ApiKeyEntry[] = [];
  const problems: string[] = [];
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .forEach((item, index) => {
      const separator = item.indexOf(':');
      const role = item.slice(0, separator).trim() as Role;
      const key = item.slice(separator + 1).trim();
      if (separator <= 0 || !ROLES.includes(role)) {
        problems.push(`entry ${index + 1} must be "<role>:<key>" with role one of ${ROLES.join(', ')}`);
      } else if (key.length < MIN_KEY_LENGTH) {
        problems.push(`entry ${index + 1} has a key shorter than ${MIN_KEY_LENGTH} characters`);
      } else if (entries.some((entry) => entry.key === key)) {
        problems.push(`entry ${index + 1} repeats a key of an earlier entry`);
      } else {
        entries.push({ role, key });
      }
    });
  if (entries.length === 0 && problems.length === 0) problems.push('lists no key');
  return { entries, problems };
}
