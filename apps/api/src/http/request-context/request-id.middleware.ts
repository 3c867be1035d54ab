import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import { PlatformRequest } from './platform-request';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's id is kept only when it is short and plain, so it cannot smuggle anything into logs or headers. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request a correlation id (the caller's X-Request-Id or a new UUID) and echoes it back. */
export function requestId(request: PlatformRequest, response: Response, next: NextFunction): void {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  request.correlationId = id;
  response.setHeader('X-Request-Id', id);
  next();
}
