import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiKeyEntry } from '../../config/api-key-list';
import { Role } from './roles.decorator';

export interface Principal {
  readonly role: Role;
  /** `${role}:${first 8 hex of sha256(key)}`: identifies a key in the audit trail without revealing it. */
  readonly actor: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The accepted API keys, kept only as SHA-256 digests. Comparing equal-length digests with
 * timingSafeEqual, and always against every key, leaks neither a key's content nor its length.
 */
export class ApiKeyRegistry {
  private readonly keys: { digest: Buffer; principal: Principal }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.keys = entries.map(({ role, key }) => {
      const digest = sha256(key);
      return { digest, principal: { role, actor: `${role}:${digest.toString('hex').slice(0, 8)}` } };
    });
  }

  /** The key a principal names (by its digest's fingerprint), if it is still configured, with its role now. */
  principalOf(actor: string): Principal | undefined {
    const fingerprint = actor.slice(actor.indexOf(':') + 1);
    return this.keys.find(({ principal }) => principal.actor.endsWith(`:${fingerprint}`))?.principal;
  }

  authenticate(presentedKey: string): Principal | undefined {
    const presented = sha256(presentedKey);
    let match: Principal | undefined;
    for (const { digest, principal } of this.keys) {
      if (timingSafeEqual(digest, presented)) match = principal;
    }
    return match;
  }
}
