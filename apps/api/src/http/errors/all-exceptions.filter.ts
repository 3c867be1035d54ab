import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mapError } from './error-mapping';
import { writeApiError } from './write-api-error';

/** The only exception filter: every error leaves as `{ statusCode, code, message, details? }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const mapped = mapError(exception);
    if (mapped.serverFault) {
      this.logger.error(
        { err: exception, method: request.method, path: request.path },
        `${mapped.body.code} on ${request.method} ${request.path}`,
      );
    }
    writeApiError(request, http.getResponse<Response>(), mapped);
  }
}
