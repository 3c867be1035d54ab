import type { Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page } from '@fsr/infrastructure';

export const NEXT_CURSOR_HEADER = 'Next-Cursor';

/**
 * A list stays a JSON array (what every client of it reads); the cursor of the next page is the
 * Next-Cursor header, absent on the last page.
 */
export function sendPage<T>(response: Response, page: Page<T>): T[] {
  if (page.nextCursor !== null) response.setHeader(NEXT_CURSOR_HEADER, page.nextCursor);
  return page.items;
}

export const ApiPagedResponse = (type: Type<unknown>) =>
  ApiOkResponse({
    type: [type],
    headers: { [NEXT_CURSOR_HEADER]: { description: 'Pass as `cursor` for the next page; absent on the last page', schema: { type: 'string' } } },
  });
