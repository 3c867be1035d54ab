import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './credentials';
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

/**
 * Browsers cannot send an Authorization header when opening a page or an EventSource, so a
 * tiny form trades the key for an HttpOnly, SameSite=Strict cookie that the API accepts too.
 */
@ApiExcludeController()
@Controller()
export class LoginController {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  @Public()
  @Get('login')
  form(@Query('next') next: string | undefined, @Res() response: Response): void {
    response.type('html').send(loginPage(safeNextPath(next)));
  }

  @Public()
  @Post('login')
  login(@Body() form: LoginForm, @Req() request: Request, @Res() response: Response): void {
    const next = safeNextPath(form.next);
    if (!this.authenticator.check(form.key)) {
      response.status(401).type('html').send(loginPage(next, 'That key is not valid.'));
      return;
    }
    response
      .cookie(SESSION_COOKIE, form.key, {
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
  logout(@Res() response: Response): void {
    response.clearCookie(SESSION_COOKIE, { path: '/' }).redirect(303, '/login');
  }
}
