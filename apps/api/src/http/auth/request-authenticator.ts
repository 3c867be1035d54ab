import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ApiKeyRegistry, Principal } from './api-key-registry';
import { ApiSessions } from './api-sessions';
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
  constructor(
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
    private readonly sessions: ApiSessions,
  ) {}

  /** @throws UnauthorizedException (401 UNAUTHORIZED) when the key is missing or unknown, or the session is over. */
  async authenticate(request: CredentialRequest): Promise<Principal> {
    const presented = presentedKey(request);
    if ('problem' in presented) throw new UnauthorizedException(PROBLEM_MESSAGES[presented.problem]);
    if ('session' in presented) return this.ofSession(presented.session);
    const principal = this.registry.authenticate(presented.key);
    if (!principal) throw new UnauthorizedException('The API key is not valid');
    return principal;
  }

  /** A browser session has its key's current role, and ends with the key. */
  private async ofSession(sessionId: string): Promise<Principal> {
    const session = await this.sessions.use(sessionId);
    const principal = session && this.registry.principalOf(session.principal);
    if (!principal) throw new UnauthorizedException('The session is over (signed out, idle too long, or its key was removed): sign in again at /login');
    return principal;
  }

  /** For sessions opened with a key: is it still configured, and with which role? */
  principalOf(actor: string): Principal | undefined {
    return this.registry.principalOf(actor);
  }

  /** For the login form: is this a known key? */
  check(key: string): Principal | undefined {
    return this.registry.authenticate(key);
  }
}
