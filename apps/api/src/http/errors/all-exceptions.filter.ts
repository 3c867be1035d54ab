import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mapError } from './error-mapping';
import { writeApiError } from './write-api-error';
import { isVspherePath } from '../../vsphere/vsphere-paths';
import { translateError } from '../../vsphere/errors/translate-error';
import { writeVsphereError } from '../../vsphere/errors/write-vsphere-error';

/**
 * The only exception filter: every error leaves as `{ statusCode, code, message, details? }`, except on
 * the vSphere Automation API's paths, where it leaves in that API's form.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    if (isVspherePath(request.path)) {
      this.catchVsphere(exception, request, http.getResponse<Response>());
      return;
    }
    const mapped = mapError(exception);
    if (mapped.serverFault) {
      this.logger.error(
        { err: exception, method: request.method, path: request.path },
        `${mapped.body.code} on ${request.method} ${request.path}`,
      );
    }
    writeApiError(request, http.getResponse<Response>(), mapped);
  }

  private catchVsphere(exception: unknown, request: Request, response: Response): void {
    const translated = translateError(exception);
    if (translated.serverFault) {
      this.logger.error({ err: exception, method: request.method, path: request.path }, `${translated.type} on ${request.method} ${request.path}`);
    }
    writeVsphereError(request, response, translated);
  }
}
