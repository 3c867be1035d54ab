import type { Request, Response } from 'express';
import { reply } from '../dialects/dialect';
import type { LongCallResult } from '../hardware/reconfigure';

/** Done: 204 (`/rest`: 200); with `vmw-task=true`: 202 and the task's identifier. */
export function answerLongCall(request: Request, response: Response, result: LongCallResult): void {
  if ('task' in result) reply(request, response, result.task, 202);
  else reply(request, response);
}
