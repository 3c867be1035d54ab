import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ApiKeyRegistry, Principal } from './api-key-registry';
import { CredentialRequest, presentedKey } from './credentials';

export const API_KEY_REGISTRY = Symbol('API_KEY_REGISTRY');

const PROBLEM_MESSAGES = {
  missing: 'An API key is required: send "Authorization: Bearer <key>"',
  malformed: 'The Authorization header must be "Bearer <key>"',
  'cross-site': 'A state-changing request authenticated by cookie must come from this origin',
} as const;

/** Finds and checks the API key of a request; shared by the global guard and the browser-page middleware. */
@Injectable()
export class RequestAuthenticator {
  constructor(@Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry) {}

  /** @throws UnauthorizedException (401 UNAUTHORIZED) when the key is missing or unknown. */
  authenticate(request: CredentialRequest): Principal {
    const presented = presentedKey(request);
    if ('problem' in presented) throw new UnauthorizedException(PROBLEM_MESSAGES[presented.problem]);
    const principal = this.registry.authenticate(presented.key);
    if (!principal) throw new UnauthorizedException('The API key is not valid');
    return principal;
  }

  /** For the login form: is this a known key? */
  check(key: string): Principal | undefined {
    return this.registry.authenticate(key);
  }
}
