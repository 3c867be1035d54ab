import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The first URLs a browser tries, outside the API: `/` opens the console; `/favicon.ico`, asked for on
 * every page (the login form, the docs, the dashboard), is answered with nothing rather than a 404.
 */
export function siteEntryPoints(app: NestExpressApplication): void {
  const http = app.getHttpAdapter().getInstance();
  http.get('/', (_request, response) => response.redirect(302, '/console'));
  http.get('/favicon.ico', (_request, response) => void response.set('Cache-Control', 'public, max-age=86400').status(204).end());
}
