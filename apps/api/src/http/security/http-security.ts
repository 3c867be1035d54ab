import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '../../config/app-config';

/**
 * Helmet's defaults (script-src 'self', no inline scripts) suit Swagger UI, the BullMQ dashboard and
 * the console as long as their scripts are files; upgrade-insecure-requests is dropped because the
 * control plane is usually reached over plain HTTP on a private address. CORS stays off: the browser
 * pages are served from the same origin.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      strictTransportSecurity: false,
    }),
  );
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
}
