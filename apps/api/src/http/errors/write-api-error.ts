import type { Request, Response } from 'express';
import { MappedError } from './error-mapping';

/** Browsers opening a page get the login form instead of a JSON 401. */
const isBrowserPageRequest = (request: Request) =>
  request.method === 'GET' &&
  /text\/html/.test(request.headers.accept ?? '') &&
  !request.originalUrl.startsWith('/api/');

export function writeApiError(request: Request, response: Response, { status, body }: MappedError): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  if (status === 401 && isBrowserPageRequest(request)) {
    response.redirect(302, `/login?next=${encodeURIComponent(request.originalUrl)}`);
    return;
  }
  if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  response.status(status).json(body);
}
