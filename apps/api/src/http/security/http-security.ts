import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import { AppConfig } from '../../config/app-config';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { bodyGate } from './body-gate';

/**
 * Helmet's defaults (script-src 'self', no inline scripts) suit Swagger UI, the BullMQ dashboard and
 * the console as long as their scripts are files; upgrade-insecure-requests is dropped because the
 * control plane is usually reached over plain HTTP on a private address. CORS stays off: the browser
 * pages are served from the same origin. Bodies are parsed only once their sender is known.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig, authenticator: RequestAuthenticator): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      strictTransportSecurity: false,
    }),
  );
  app.use('/api/v1', bodyGate(authenticator, { jsonOnly: true }));
  app.use('/admin/queues', bodyGate(authenticator, { jsonOnly: false }));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  boundRequestTime(app.getHttpServer(), config.requestTimeoutMs);
}

/** A request's headers and body must arrive within `ms` (Node answers 408 and closes), so slow senders cannot hold sockets. */
function boundRequestTime(server: Server, ms: number): void {
  server.requestTimeout = ms;
  server.headersTimeout = ms;
  // Node checks these on an interval (30 s unless set before listening), which would round every timeout up to it.
  Object.assign(server, { connectionsCheckingInterval: Math.min(ms, 1000) });
}
