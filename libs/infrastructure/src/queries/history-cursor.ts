import { InvalidQueryError } from './query-errors';

const PREFIX = 'p:';
/** Positions are PostgreSQL bigints. */
export const MAX_EVENT_POSITION = 2n ** 63n - 1n;

/** A position as a client may write it: decimal digits within a bigint. */
export const isEventPosition = (text: unknown): text is string =>
  typeof text === 'string' && /^\d{1,19}$/.test(text) && BigInt(text) <= MAX_EVENT_POSITION;

/** Cursors are opaque to clients: the last position they saw, encoded. */
export const encodeCursor = (position: bigint): string => Buffer.from(`${PREFIX}${position}`).toString('base64url');

/** @throws InvalidQueryError when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): bigint {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || !isEventPosition(text.slice(PREFIX.length))) {
    throw new InvalidQueryError('cursor', 'cursor must be a nextCursor returned by this endpoint');
  }
  return BigInt(text.slice(PREFIX.length));
}
