import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CommandContext } from '@fsr/application';
import { randomUUID } from 'node:crypto';
import { PlatformRequest } from './platform-request';

/**
 * The CommandContext of the request: the actor set by the auth guard and the request's
 * correlation id (X-Request-Id). A command started by a request has no causing event.
 */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<PlatformRequest>();
  return {
    actor: request.actor ?? 'anonymous',
    correlationId: request.correlationId ?? randomUUID(),
    causationId: null,
  };
});
