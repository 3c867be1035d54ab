import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { browserPageAuth } from './http/auth/browser-page-auth';
import { RequestAuthenticator } from './http/auth/request-authenticator';
import { setupOpenApi } from './http/openapi/openapi';
import { requestId } from './http/request-context/request-id.middleware';
import { ExpressRequestClassesAdapter } from './http/platform/express-request-classes.adapter';
import { applyHttpSecurity } from './http/security/http-security';
import { siteEntryPoints } from './http/site/site-entry-points';
import { VSPHERE_ROUTES } from './vsphere/vsphere-paths';

export const API_PREFIX = 'api/v1';
/** Browser pages and the login form live at the root, not under /api/v1. */
export const PATHS_OUTSIDE_API = ['login', 'logout', 'console', 'console/{*path}', 'admin/queues', 'admin/queues/{*path}'];

export interface CreateAppOptions {
  /** More modules, e.g. a test's own controllers. */
  readonly imports?: Parameters<typeof AppModule.register>[1];
}

/** `GET /health` and `GET /metrics` at the root; the same handlers (guards, filter, logging) also answer under /api/v1. */
const AT_ROOT = /^\/(health|metrics)(\?|$)/;
function rootAliases(request: Request, _response: Response, next: NextFunction): void {
  if (AT_ROOT.test(request.url)) request.url = `/${API_PREFIX}${request.url}`;
  next();
}

/** The whole control plane, initialised but not listening: main() listens, e2e tests use getHttpServer(). */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options.imports), new ExpressRequestClassesAdapter(), {
    bufferLogs: true,
    // A failed start is reported once, by main(), rather than as Nest's buffered logs and stack.
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.use(requestId);
  app.use(rootAliases);
  applyHttpSecurity(app, config, app.get(RequestAuthenticator));
  siteEntryPoints(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: [...PATHS_OUTSIDE_API, ...VSPHERE_ROUTES] });
  app.use(['/docs', '/docs-json', '/docs-yaml'], browserPageAuth(app.get(RequestAuthenticator)));
  setupOpenApi(app);
  await app.init();
  return app;
}
