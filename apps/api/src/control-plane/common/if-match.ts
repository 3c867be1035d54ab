import { createParamDecorator, ExecutionContext, HttpException } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { Precondition } from '@fsr/application';

/** `If-Match: "<version>"` (the VM's ETag) as the expected stream version of a command. */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): Precondition => {
  const header = context.switchToHttp().getRequest<Request>().header('if-match');
  if (header === undefined || header.trim() === '*') return {};
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new HttpException(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'If-Match must be the ETag of the resource, e.g. "3"',
        details: [{ field: 'If-Match', problems: ['must be a quoted stream version such as "3"'] }],
      },
      400,
    );
  }
  return { expectedVersion: Number(match[1]) };
});

/** Documents the If-Match header of a command that takes @IfMatch(). */
export const ApiIfMatch = (resource = 'VM') =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: `The ${resource}'s ETag (its stream version): the command fails with 409 WRONG_EXPECTED_VERSION if the ${resource} changed since`,
    schema: { type: 'string', example: '"3"' },
  });
