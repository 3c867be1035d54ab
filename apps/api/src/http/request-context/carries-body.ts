import type { IncomingMessage } from 'node:http';

/** Whether the request was sent with a body at all (body parsers read an empty one as `{}`). */
export const carriesBody = (request: IncomingMessage): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
