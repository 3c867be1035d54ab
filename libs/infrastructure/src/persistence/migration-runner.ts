// Applies prisma/migrations in-process at start-up, on PostgreSQL and on PGlite, with the same
// bookkeeping as `prisma migrate deploy` (its `_prisma_migrations` table, rows and advisory lock), so
// that the Prisma CLI agrees about what is applied. Hand-written because the CLI's schema engine is a
// native binary it downloads on first use, which fails on offline machines, and it cannot reach PGlite.
import { randomUUID } from 'node:crypto';
import { checksumMatches, findMigrationsDirectory, MigrationFile, readMigrations } from './migration-files';
import { errorMessage } from './error-message';
import {
  MigrationChecksumMismatchError,
  MigrationFailedEarlierError,
  MigrationLockTimeoutError,
  MigrationScriptFailedError,
} from './persistence.errors';
import { SqlSession } from './sql-session';

/** The key `prisma migrate` locks with, so our runner and the CLI never migrate at the same time. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's own DDL (schema-engine, postgres flavour), made idempotent.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  readonly id: string;
  readonly checksum: string;
  readonly migration_name: string;
  readonly finished_at: Date | null;
  readonly rolled_back_at: Date | null;
}

export interface MigrationRunOptions {
  /** Defaults to the nearest prisma/migrations above this file. */
  readonly migrationsDirectory?: string;
  readonly lockTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

export interface MigrationRunResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

export async function runMigrations(session: SqlSession, options: MigrationRunOptions = {}): Promise<MigrationRunResult> {
  const migrations = readMigrations(options.migrationsDirectory ?? findMigrationsDirectory());
  await acquireLock(session, options.lockTimeoutMs ?? 60_000);
  try {
    await session.query(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query<MigrationRow>(
      'SELECT id, checksum, migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
    );
    const pending = pendingMigrations(migrations, rows);
    for (const migration of pending) {
      options.log?.(`Applying migration ${migration.name}`);
      await applyMigration(session, migration);
    }
    const applied = pending.map((migration) => migration.name);
    return { applied, alreadyApplied: migrations.map((m) => m.name).filter((name) => !applied.includes(name)) };
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

function pendingMigrations(migrations: readonly MigrationFile[], rows: readonly MigrationRow[]): MigrationFile[] {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) throw new MigrationFailedEarlierError(failed);
  const appliedRows = (name: string) => live.filter((row) => row.migration_name === name);
  const edited = migrations.filter((migration) => {
    const applied = appliedRows(migration.name);
    return applied.length > 0 && !applied.some((row) => checksumMatches(migration.script, row.checksum));
  });
  if (edited.length > 0) throw new MigrationChecksumMismatchError(edited.map((migration) => migration.name));
  return migrations.filter((migration) => appliedRows(migration.name).length === 0);
}

/** The same four steps as Prisma, so a failure leaves the row Prisma's `migrate resolve` expects. */
async function applyMigration(session: SqlSession, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.query(
    'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)',
    [id, migration.checksum, migration.name],
  );
  try {
    await session.runScript(migration.script);
  } catch (error) {
    await session.query('UPDATE _prisma_migrations SET logs = $1 WHERE id = $2', [errorMessage(error), id]);
    throw new MigrationScriptFailedError(migration.name, error);
  }
  await session.query('UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = $1', [id]);
  await session.query('UPDATE _prisma_migrations SET finished_at = now() WHERE id = $1', [id]);
}

async function acquireLock(session: SqlSession, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (row.locked) return;
    if (Date.now() > deadline) throw new MigrationLockTimeoutError(timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
