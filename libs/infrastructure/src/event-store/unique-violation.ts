interface DriverFailure {
  readonly code?: unknown;
  readonly meta?: { readonly driverAdapterError?: { readonly cause?: { readonly originalCode?: unknown; readonly kind?: unknown } } };
}

/** Prisma's P2002, or PostgreSQL's 23505 as Prisma wraps it for raw queries (P2010) on either adapter. */
export function isUniqueViolation(error: unknown): boolean {
  const failure = (error ?? {}) as DriverFailure;
  const cause = failure.meta?.driverAdapterError?.cause;
  return (
    failure.code === 'P2002' ||
    failure.code === '23505' ||
    cause?.originalCode === '23505' ||
    cause?.kind === 'UniqueConstraintViolation'
  );
}
