import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponse, FieldProblem } from './api-error';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (VALIDATION_FAILED, MALFORMED_JSON or a rule of the domain)',
  401: 'Missing or unknown API key (UNAUTHORIZED)',
  403: 'The key\'s role may not do this (FORBIDDEN)',
  404: 'Not found',
  409: 'Conflict with the current state (e.g. VM_BUSY, WRONG_EXPECTED_VERSION)',
  412: 'Precondition failed',
  413: 'Body larger than BODY_LIMIT (PAYLOAD_TOO_LARGE)',
  429: 'Too many commands (TOO_MANY_REQUESTS)',
  503: 'A dependency is unavailable (HOST_AGENT_UNAVAILABLE, HOST_AGENT_JOB_LOST, DATABASE_UNAVAILABLE, REDIS_UNAVAILABLE); retry later',
};

/** A status, or a status with what it means on this route (its codes). */
type RouteError = number | { readonly status: number; readonly description: string };

/**
 * Documents error answers in the shared ApiErrorResponse shape. 401 and 403 are documented
 * for every guarded route already; list the statuses specific to the route, e.g. `@ApiErrors(404, 409)`.
 */
export const ApiErrors = (...errors: RouteError[]) =>
  applyDecorators(
    ApiExtraModels(ApiErrorResponse, FieldProblem),
    ...errors.map((error) => {
      const { status, description } = typeof error === 'number' ? { status: error, description: DESCRIPTIONS[error] ?? 'Error' } : error;
      return ApiResponse({ status, description, type: ApiErrorResponse });
    }),
  );
