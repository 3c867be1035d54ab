import { CallHandler, ExecutionContext, HttpException, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, concatMap, from, Observable, switchMap, throwError } from 'rxjs';
import { PlatformRequest } from '../request-context/platform-request';
import { IdempotencyRecords, KeyedRequest, keyedRequest } from './idempotency-records';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** Headers of the first answer that a replay repeats. */
const REPLAYED_HEADERS = ['location', 'etag'];

const refusal = (statusCode: number, code: string, message: string) => new HttpException({ statusCode, code, message }, statusCode);

/**
 * `Idempotency-Key` on a command: the first successful answer is remembered (per API key) and a retry
 * with the same key gets that answer again, marked `Idempotent-Replayed: true`, without running twice.
 * A failed first attempt is forgotten, so its retry runs. The key is bound to the method, path and body:
 * the same key with another request is 422 IDEMPOTENCY_KEY_REUSED and runs nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly records: IdempotencyRecords) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<PlatformRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const presented = request.header('idempotency-key');
    if (presented === undefined || !COMMAND_METHODS.has(request.method)) return next.handle();
    if (!KEY_PATTERN.test(presented)) {
      throw new HttpException(
        {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Idempotency-Key must be 1 to 200 printable ASCII characters',
          details: [{ field: 'Idempotency-Key', problems: ['must be 1 to 200 printable ASCII characters'] }],
        },
        400,
      );
    }
    const key = `${request.actor ?? 'anonymous'}:${presented}`;
    const keyed = keyedRequest(request.method, request.path, request.body);
    return from(this.records.claim(key, keyed)).pipe(
      switchMap((first) => (first ? this.runFirst(key, response, next) : this.replay(key, keyed, response))),
    );
  }

  /** The answer is remembered before it is sent, so a retry that follows it at once finds it. */
  private runFirst(key: string, response: Response, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        if (response.statusCode >= 300) {
          await this.records.release(key);
          return body;
        }
        const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (response.hasHeader(name) ? [[name, String(response.getHeader(name))]] : [])));
        await this.records.remember(key, response.statusCode, body, headers);
        return body;
      }),
      catchError((error: unknown) =>
        from(this.records.release(key).catch((failure: unknown) => this.logger.warn(`could not release an idempotency key: ${String(failure)}`))).pipe(
          concatMap(() => throwError(() => error)),
        ),
      ),
    );
  }

  private async replay(key: string, { method, path, hash }: KeyedRequest, response: Response): Promise<unknown> {
    const answer = await this.records.find(key);
    if (!answer) throw refusal(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key just failed; retry it');
    if (answer.method !== method || answer.path !== path) {
      throw refusal(422, 'IDEMPOTENCY_KEY_REUSED', `This Idempotency-Key was used for ${answer.method} ${answer.path}`);
    }
    if (answer.requestHash !== null && answer.requestHash !== hash) {
      throw refusal(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another body');
    }
    if (answer.inProgress) throw refusal(409, 'IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still running');
    response.status(answer.statusCode);
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
