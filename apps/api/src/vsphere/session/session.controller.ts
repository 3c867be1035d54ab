import { Controller, Delete, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../http/auth/roles.decorator';
import { RequestAuthenticator } from '../../http/auth/request-authenticator';
import { reply } from '../dialects/dialect';
import { VsphereError } from '../errors/vsphere-error';
import { ApiSessions } from '../../http/auth/api-sessions';
import { basicCredentialsOf, SESSION_HEADER, sessionIdOf } from './session-credentials';
import { SessionGuard, Sessionless } from './session.guard';

const REST_SESSION = 'rest/com/vmware/cis/session';

/** Login with HTTP Basic auth whose password is one of our API keys; the session acts with that key's role. */
@ApiExcludeController()
@Public()
@UseGuards(SessionGuard)
@Controller()
export class SessionController {
  constructor(
    private readonly sessions: ApiSessions,
    @Inject(RequestAuthenticator) private readonly keys: RequestAuthenticator,
  ) {}

  @Post('api/session')
  @Sessionless()
  async create(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.login(request), 201);
  }

  @Post(REST_SESSION)
  @Sessionless()
  async createOrGetLegacy(@Req() request: Request, @Res() response: Response) {
    if (request.query['~action'] === 'get') return this.info(request, response);
    const sessionId = await this.login(request);
    response.cookie(SESSION_HEADER, sessionId, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
    reply(request, response, sessionId);
  }

  @Get(['api/session', REST_SESSION])
  async get(@Req() request: Request, @Res() response: Response) {
    await this.info(request, response);
  }

  @Delete(['api/session', REST_SESSION])
  async remove(@Req() request: Request, @Res() response: Response) {
    await this.sessions.close(sessionIdOf(request.headers)!);
    if (request.path.startsWith('/rest/')) response.clearCookie(SESSION_HEADER, { path: '/' });
    reply(request, response);
  }

  private async info(request: Request, response: Response) {
    const session = await this.sessions.use(sessionIdOf(request.headers) ?? '');
    if (!session) throw new VsphereError('UNAUTHENTICATED', 'The session is unknown or has expired: log in again');
    reply(request, response, {
      user: session.userName,
      created_time: session.createdAt.toISOString(),
      last_accessed_time: session.lastUsedAt.toISOString(),
    });
  }

  private async login(request: Request): Promise<string> {
    const credentials = basicCredentialsOf(request.headers);
    if (!credentials) throw new VsphereError('UNAUTHENTICATED', 'Log in with HTTP Basic auth: any user name, one of our API keys as the password');
    const principal = this.keys.check(credentials.password);
    if (!principal) throw new VsphereError('UNAUTHENTICATED', 'The password is not one of our API keys');
    return this.sessions.open(credentials.userName || 'anonymous', principal);
  }
}
