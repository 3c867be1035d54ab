import { createHash } from 'node:crypto';
import { parseApiKeyList } from '../../config/api-key-list';
import { ApiKeyRegistry } from './api-key-registry';
import { roleSatisfies } from './role-order';

describe('parseApiKeyList', () => {
  it('reads role:key pairs, trimming blanks and ignoring empty entries', () => {
    expect(parseApiKeyList(' viewer:vvvvvvvvvvvvvvvv ,, operator : oooooooooooooooo:with-colon ').entries).toEqual([
      { role: 'viewer', key: 'vvvvvvvvvvvvvvvv' },
      { role: 'operator', key: 'oooooooooooooooo:with-colon' },
    ]);
  });

  it.each([
    ['superuser:ssssssssssssssss', /role one of/],
    ['ssssssssssssssss', /role one of/],
    ['admin:short', /shorter than 16/],
    ['admin:aaaaaaaaaaaaaaaa,viewer:aaaaaaaaaaaaaaaa', /repeats a key/],
    [' , ', /lists no key/],
  ])('rejects %p', (raw, problem) => {
    expect(parseApiKeyList(raw).problems.join('\n')).toMatch(problem);
  });
});

describe('roleSatisfies', () => {
  it('orders viewer < operator < admin', () => {
    expect(roleSatisfies('admin', 'operator')).toBe(true);
    expect(roleSatisfies('operator', 'operator')).toBe(true);
    expect(roleSatisfies('operator', 'viewer')).toBe(true);
    expect(roleSatisfies('viewer', 'operator')).toBe(false);
    expect(roleSatisfies('operator', 'admin')).toBe(false);
  });
});

describe('ApiKeyRegistry', () => {
  const registry = new ApiKeyRegistry([
    { role: 'viewer', key: 'viewer-key-0123456789' },
    { role: 'admin', key: 'admin-key-0123456789' },
  ]);

  it('names the actor by role and the first 8 hex digits of the key digest', () => {
    const fingerprint = createHash('sha256').update('admin-key-0123456789').digest('hex').slice(0, 8);
    expect(registry.authenticate('admin-key-0123456789')).toEqual({ role: 'admin', actor: `admin:${fingerprint}` });
    expect(registry.authenticate('viewer-key-0123456789')?.role).toBe('viewer');
  });

  it('finds the principal of a still configured key by the actor it was named with', () => {
    const admin = registry.authenticate('admin-key-0123456789')!;
    expect(registry.principalOf(admin.actor)).toEqual(admin);
    expect(registry.principalOf(admin.actor.replace('admin:', 'viewer:'))).toEqual(admin);
    expect(registry.principalOf('admin:00000000')).toBeUndefined();
  });

  it('rejects unknown keys, prefixes and extensions of known keys', () => {
    expect(registry.authenticate('admin-key-012345678')).toBeUndefined();
    expect(registry.authenticate('admin-key-01234567890')).toBeUndefined();
    expect(registry.authenticate('')).toBeUndefined();
  });
});
