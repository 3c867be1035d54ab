import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CommandContext } from '@fsr/application';
import { randomUUID } from 'node:crypto';

/** The CommandContext of the request: the authenticated actor and the request's correlation id. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<{ actor?: string; correlationId?: string }>();
  return {
    actor: request.actor ?? 'anonymous',
    correlationId: request.correlationId ?? randomUUID(),
    causationId: null,
  };
});
