/** Prisma codes meaning "cannot talk to the database" rather than "the query was wrong". */
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** SQLSTATE class 08 (connection exception) and 57P0x (server shutting down or unavailable). */
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[1-4])$/;
const ADAPTER_UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'SocketTimeout', 'TooManyConnections', 'ConnectionClosed']);

interface ErrorFacts {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function describesUnreachableDatabase(error: ErrorFacts): boolean {
  const code = typeof error.code === 'string' ? error.code : typeof error.errorCode === 'string' ? error.errorCode : '';
  return (
    error.name === 'PrismaClientInitializationError' ||
    PRISMA_CONNECTION_CODES.has(code) ||
    SQLSTATE_UNAVAILABLE.test(code) ||
    (typeof error.kind === 'string' && ADAPTER_UNAVAILABLE_KINDS.has(error.kind)) ||
    (typeof error.message === 'string' && /Connection terminated|not queryable|PGlite is closed/i.test(error.message))
  );
}

/** True when the error (or one it wraps) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const facts = current as ErrorFacts;
    if (describesUnreachableDatabase(facts)) return true;
    // A raw query's error (P2010) carries the driver adapter's error in its meta, not as its cause.
    current = facts.cause ?? facts.meta?.driverAdapterError;
  }
  return false;
}
