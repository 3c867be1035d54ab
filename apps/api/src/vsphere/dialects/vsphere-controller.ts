import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/roles.decorator';
import { SessionGuard } from '../session/session.guard';

/**
 * A controller of the vSphere Automation API: outside our API-key guard (a session authenticates
 * instead), outside our OpenAPI document; its routes list both dialects' paths.
 */
export const VsphereController = () => applyDecorators(ApiExcludeController(), Public(), UseGuards(SessionGuard), Controller());

export const both = (path: string) => [`api/${path}`, `rest/${path}`];

/** `vmw-task=true`: answer at once with the task instead of when it is done. */
export const asTask = (query: Record<string, unknown>) => query['vmw-task'] === 'true';
