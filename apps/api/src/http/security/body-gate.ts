import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { mapError } from '../errors/error-mapping';
import { writeApiError } from '../errors/write-api-error';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { carriesBody } from '../request-context/carries-body';
import { sentAsJson } from '../request-context/sent-as-json';

const PUBLIC_PATHS = new Set(['/api/v1/health']);


const notJson = () =>
  new HttpException(
    { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'A request body must be JSON, sent as Content-Type: application/json' },
    415,
  );

/**
 * Runs before the body parsers, on a request that carries a body: a caller without a valid key is
 * answered 401 without its body being read, and a body that is not JSON is 415 rather than read as `{}`.
 * The role is still the guard's to check. With `jsonOnly: false` (the queue dashboard) only the key is.
 */
export function bodyGate(authenticator: RequestAuthenticator, { jsonOnly }: { jsonOnly: boolean }) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (!carriesBody(request) || PUBLIC_PATHS.has(request.originalUrl.split('?')[0])) {
      next();
      return;
    }
    try {
      await authenticator.authenticate({ method: request.method, url: request.originalUrl, headers: request.headers });
      if (jsonOnly && !sentAsJson(request)) throw notJson();
    } catch (error) {
      // The unread body is not worth keeping the connection for.
      response.setHeader('Connection', 'close');
      writeApiError(request, response, mapError(error));
      return;
    }
    next();
  };
}
