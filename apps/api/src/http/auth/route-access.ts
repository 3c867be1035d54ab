import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles.decorator';

const targets = (context: ExecutionContext) => [context.getHandler(), context.getClass()];

export const isPublic = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets(context)) === true;

/** The handler's @MinRole wins over its controller's; viewer when neither says. */
export const requiredRole = (reflector: Reflector, context: ExecutionContext): Role =>
  reflector.getAllAndOverride<Role>(ROLES_KEY, targets(context)) ?? 'viewer';
