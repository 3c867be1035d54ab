import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { PlatformRequest } from '../../http/request-context/platform-request';
import { roleSatisfies } from '../../http/auth/role-order';
import { VsphereError } from '../errors/vsphere-error';
import { RequestAuthenticator } from '../../http/auth/request-authenticator';
import { ApiSessions } from '../../http/auth/api-sessions';
import { sessionIdOf } from './session-credentials';

const CHANGES_KEY = 'fsr:vsphere-changes';
const SESSIONLESS_KEY = 'fsr:vsphere-sessionless';

/** The route changes something: it needs an operator key's session. */
export const Changes = () => SetMetadata(CHANGES_KEY, true);
/** The route authenticates by itself (creating a session with Basic auth). */
export const Sessionless = () => SetMetadata(SESSIONLESS_KEY, true);

/** The actor recorded in our audit trail: the user name given at login and the API key it used. */
export const actorOf = (userName: string, principal: string) => `${userName} (${principal})`;

/** Every vSphere route but login needs a live session; a change needs the operator role. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: ApiSessions,
    private readonly keys: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SESSIONLESS_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<PlatformRequest>();
    const sessionId = sessionIdOf(request.headers);
    if (!sessionId) throw new VsphereError('UNAUTHENTICATED', 'This request needs a session: send the vmware-api-session-id header');
    const session = await this.sessions.use(sessionId);
    if (!session) throw new VsphereError('UNAUTHENTICATED', 'The session is unknown or has expired: log in again');
    // The key it was opened with may have been removed, or given another role, since.
    const principal = this.keys.principalOf(session.principal);
    if (!principal) throw new VsphereError('UNAUTHENTICATED', 'The API key this session was opened with is no longer accepted: log in again');
    request.actor = actorOf(session.userName, principal.actor);
    request.role = principal.role;
    if (this.reflector.getAllAndOverride<boolean>(CHANGES_KEY, targets) && !roleSatisfies(principal.role, 'operator')) {
      throw new VsphereError('UNAUTHORIZED', `This change needs the operator role; the session's key has ${principal.role}`);
    }
    return true;
  }
}
