import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { ApiSessions } from './api-sessions';
import { isSameOrigin, readCookie, SESSION_COOKIE } from './credentials';
import { loginPage, safeNextPath } from './login-page';
import { RequestAuthenticator } from './request-authenticator';
import { Public } from './roles.decorator';

class LoginForm {
  @IsString()
  @MaxLength(512)
  key: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  next?: string;
}

const COOKIE_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** A browser form posted from another site (login CSRF) says so; a client that is no browser sends neither header. */
const fromAnotherSite = (request: Request) =>
  (request.headers['sec-fetch-site'] !== undefined || request.headers.origin !== undefined) &&
  request.headers['sec-fetch-site'] !== 'none' &&
  !isSameOrigin(request.headers);

/**
 * Browsers cannot send an Authorization header when opening a page or an EventSource, so a tiny
 * form trades the key for a session: an HttpOnly, SameSite=Strict cookie holding its id (never the
 * key), Secure over HTTPS, that the API accepts too. Signing out ends the session on the server.
 */
@ApiExcludeController()
@Controller()
export class LoginController {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly sessions: ApiSessions,
  ) {}

  @Public()
  @Get('login')
  form(@Query('next') next: string | undefined, @Res() response: Response): void {
    response.type('html').send(loginPage(safeNextPath(next)));
  }

  @Public()
  @Post('login')
  async login(@Body() form: LoginForm, @Req() request: Request, @Res() response: Response): Promise<void> {
    const next = safeNextPath(form.next);
    if (fromAnotherSite(request)) {
      response.status(403).type('html').send(loginPage(next, 'Sign in from this site’s own form.'));
      return;
    }
    const principal = this.authenticator.check(form.key);
    if (!principal) {
      response.status(401).type('html').send(loginPage(next, 'That key is not valid.'));
      return;
    }
    const sessionId = await this.sessions.open('browser', principal);
    response
      .cookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.secure,
        path: '/',
        maxAge: COOKIE_MAX_AGE_MS,
      })
      .redirect(303, next);
  }

  @Public()
  @Post('logout')
  @HttpCode(303)
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (sessionId) await this.sessions.close(sessionId);
    response.clearCookie(SESSION_COOKIE, { path: '/' }).redirect(303, '/login');
  }
}
