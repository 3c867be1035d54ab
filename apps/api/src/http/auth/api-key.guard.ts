import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PlatformRequest } from '../request-context/platform-request';
import { RequestAuthenticator } from './request-authenticator';
import { isPublic, requiredRole } from './route-access';
import { roleSatisfies } from './role-order';

/** Global guard: every route needs a key of at least its @MinRole (viewer by default) unless it is @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<PlatformRequest>();
    const principal = await this.authenticator.authenticate({
      method: request.method,
      url: request.originalUrl,
      headers: request.headers,
    });
    request.actor = principal.actor;
    request.role = principal.role;
    const required = requiredRole(this.reflector, context);
    if (!roleSatisfies(principal.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role; the key has ${principal.role}`);
    }
    return true;
  }
}
