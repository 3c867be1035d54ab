import { ForbiddenException, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { mapError } from '../errors/error-mapping';
import { writeApiError } from '../errors/write-api-error';
import { PlatformRequest } from '../request-context/platform-request';
import { RequestAuthenticator } from './request-authenticator';
import { roleSatisfies } from './role-order';

/**
 * Guards pages served outside Nest's router (Swagger UI, the BullMQ dashboard), where the global
 * guard does not run: reading needs viewer, changing anything admin. A browser without a key is
 * sent to the login form; anything else gets the usual JSON error.
 */
export function browserPageAuth(authenticator: RequestAuthenticator) {
  return async (request: PlatformRequest, response: Response, next: NextFunction): Promise<void> => {
    try {
      const principal = await authenticator.authenticate({
        method: request.method,
        url: request.originalUrl,
        headers: request.headers,
      });
      const required = request.method === 'GET' || request.method === 'HEAD' ? 'viewer' : 'admin';
      if (!roleSatisfies(principal.role, required)) {
        throw new ForbiddenException(`This needs the ${required} role; the key has ${principal.role}`);
      }
      request.actor = principal.actor;
      request.role = principal.role;
    } catch (error) {
      writeApiError(request, response, mapError(error));
      return;
    }
    next();
  };
}

/** The same check as a Nest middleware class, e.g. `BullBoardModule.forRoot({ ..., middleware: BrowserPageAuthMiddleware })`. */
@Injectable()
export class BrowserPageAuthMiddleware implements NestMiddleware {
  private readonly handle: ReturnType<typeof browserPageAuth>;

  constructor(authenticator: RequestAuthenticator) {
    this.handle = browserPageAuth(authenticator);
  }

  use(request: PlatformRequest, response: Response, next: NextFunction): Promise<void> {
    return this.handle(request, response, next);
  }
}
