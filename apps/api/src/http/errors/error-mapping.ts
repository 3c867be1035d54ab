import { HttpException } from '@nestjs/common';
import { ConcurrencyError } from '@fsr/application';
import { isDatabaseUnavailable } from '@fsr/infrastructure';
import { ApiErrorBody } from './api-error';
import { codeForStatus } from './http-status-codes';

export interface MappedError {
  readonly status: number;
  readonly body: ApiErrorBody;
  /** Server faults are logged with their stack; client mistakes are not. */
  readonly serverFault: boolean;
}

const STATUS_BY_KIND: Record<string, number> = { invalid: 400, 'not-found': 404, conflict: 409, unavailable: 503 };
/** Errors that are not DomainErrors but carry a stable code of their own. */
const STATUS_BY_CODE: Record<string, number> = { WRONG_EXPECTED_VERSION: 409, HOST_AGENT_UNAVAILABLE: 503 };
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

interface Coded {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  details?: unknown;
  name?: unknown;
  type?: unknown;
}

const error = (status: number, code: string, message: string, details?: unknown): MappedError => ({
  status,
  body: details === undefined ? { statusCode: status, code, message } : { statusCode: status, code, message, details },
  serverFault: status >= 500,
});

const textOf = (value: unknown): string =>
  Array.isArray(value) ? value.join('; ') : typeof value === 'string' ? value : '';

function fromHttpException(exception: HttpException): MappedError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body = (typeof response === 'object' && response !== null ? response : {}) as Coded;
  if (typeof body.code === 'string' && typeof body.message === 'string') {
    return error(status, body.code, body.message, body.details);
  }
  const cause = exception.cause as Coded | undefined;
  if (status === 400 && (cause instanceof SyntaxError || cause?.type === 'entity.parse.failed')) {
    return error(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  }
  const message = textOf(body.message) || textOf(response) || exception.message;
  return error(status, codeForStatus(status), message);
}

/** The one table from anything thrown to the HTTP answer: `{ statusCode, code, message, details? }`. */
export function mapError(exception: unknown): MappedError {
  if (exception instanceof HttpException) return fromHttpException(exception);
  const coded = (typeof exception === 'object' && exception !== null ? exception : {}) as Coded;
  const code = typeof coded.code === 'string' ? coded.code : undefined;
  const message = typeof coded.message === 'string' ? coded.message : '';

  if (exception instanceof ConcurrencyError) {
    const { streamId, expectedVersion, actualVersion } = exception;
    return error(409, exception.code, message, { streamId, expectedVersion, actualVersion });
  }
  if (code && typeof coded.kind === 'string' && STATUS_BY_KIND[coded.kind]) {
    return { ...error(STATUS_BY_KIND[coded.kind], code, message, coded.details), serverFault: false };
  }
  if (code && STATUS_BY_CODE[code]) {
    return { ...error(STATUS_BY_CODE[code], code, message, coded.details), serverFault: false };
  }
  if (isDatabaseUnavailable(exception)) {
    return error(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached; try again later');
  }
  if (coded.name === 'MaxRetriesPerRequestError') {
    return error(503, 'REDIS_UNAVAILABLE', 'Redis cannot be reached; try again later');
  }
  if (code && SOCKET_CODES.has(code)) {
    return error(503, 'SERVICE_UNAVAILABLE', 'A backing service cannot be reached; try again later');
  }
  return error(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged');
}
