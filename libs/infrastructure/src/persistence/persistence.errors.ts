import { DomainError } from '@fsr/domain';
import { errorMessage } from './error-message';

/** The database cannot be used; the service must not start (or reports itself unhealthy). */
abstract class DatabaseUnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
}

export class DatabaseUnreachableError extends DatabaseUnavailableError {
  readonly code = 'DATABASE_UNREACHABLE';
  constructor(target: string, cause: unknown) {
    super(
      `PostgreSQL at ${target} is unreachable (${errorMessage(cause)}). Start PostgreSQL, correct DATABASE_URL, ` +
        'or unset DATABASE_URL to use the embedded PGlite database.',
      { target },
    );
  }
}

export class MigrationsDirectoryNotFoundError extends DatabaseUnavailableError {
  readonly code = 'MIGRATIONS_NOT_FOUND';
  constructor(startDir: string) {
    super(`No prisma/migrations/migration_lock.toml found in ${startDir} or any folder above it`, { startDir });
  }
}

export class MigrationChecksumMismatchError extends DatabaseUnavailableError {
  readonly code = 'MIGRATION_CHECKSUM_MISMATCH';
  constructor(readonly migrationNames: readonly string[]) {
    super(
      `Migration(s) ${migrationNames.join(', ')} were changed after they were applied to this database ` +
        '(their sha256 differs from _prisma_migrations.checksum). Restore the committed files; never edit an applied migration.',
      { migrationNames },
    );
  }
}

/** Prisma's P3009: a migration started earlier did not finish, so the schema is in an unknown state. */
export class MigrationFailedEarlierError extends DatabaseUnavailableError {
  readonly code = 'MIGRATION_FAILED_EARLIER';
  constructor(readonly migrationNames: readonly string[]) {
    super(
      `Migration(s) ${migrationNames.join(', ')} failed earlier on this database. Fix the database, then mark ` +
        'them with `prisma migrate resolve --applied|--rolled-back <name>`.',
      { migrationNames },
    );
  }
}

export class MigrationScriptFailedError extends DatabaseUnavailableError {
  readonly code = 'MIGRATION_SCRIPT_FAILED';
  constructor(
    readonly migrationName: string,
    override readonly cause: unknown,
  ) {
    super(`Migration ${migrationName} failed: ${errorMessage(cause)}`, { migrationName });
  }
}

export class MigrationLockTimeoutError extends DatabaseUnavailableError {
  readonly code = 'MIGRATION_LOCK_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`Another process held the migration advisory lock for more than ${timeoutMs} ms`, { timeoutMs });
  }
}
