import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from './history.queries';
import { InvalidQueryError } from './query-errors';

export interface PageRequest {
  readonly limit?: number;
  /** nextCursor of the previous page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

const PREFIX = 'id:';

const encodeIdCursor = (id: string): string => Buffer.from(`${PREFIX}${id}`).toString('base64url');

function decodeIdCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length || text.includes('\u0000')) {
    throw new InvalidQueryError('cursor', 'cursor must be a nextCursor returned by this endpoint');
  }
  return text.slice(PREFIX.length);
}

/**
 * Prisma's keyset arguments for one page of a list ordered by a total order ending in `id`: the rows
 * after the cursor's row, one more than asked to tell whether a next page exists.
 */
export function pageArgs(request: PageRequest): { take: number; skip?: number; cursor?: { id: string } } {
  const take = Math.min(Math.max(request.limit ?? DEFAULT_HISTORY_LIMIT, 1), MAX_HISTORY_LIMIT) + 1;
  return request.cursor === undefined ? { take } : { take, skip: 1, cursor: { id: decodeIdCursor(request.cursor) } };
}

export function toPage<Row extends { id: string }, T>(rows: readonly Row[], request: PageRequest, map: (rows: Row[]) => T[]): Page<T> {
  const limit = pageArgs(request).take - 1;
  const page = rows.slice(0, limit);
  return { items: map(page), nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null };
}
