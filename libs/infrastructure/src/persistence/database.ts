import type { Database } from './migrated-database';
import { MigrationRunOptions } from './migration-runner';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database in `${dataDir}/pglite` is used. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly log?: (message: string) => void;
  readonly migrationsDirectory?: MigrationRunOptions['migrationsDirectory'];
  /** PostgreSQL: the work leases' time to live (see `idleInTransactionTimeoutFor`). */
  readonly leaseTtlMs?: number;
}

/** Opens PostgreSQL or the embedded PGlite database and applies pending migrations before returning. */
export function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { databaseUrl, dataDir, leaseTtlMs, ...migration } = options;
  return databaseUrl ? openPostgresDatabase(databaseUrl, { ...migration, leaseTtlMs }) : openPgliteDatabase(dataDir, migration);
}

/** A migrated PGlite database that lives in memory only: for tests. */
export function openInMemoryPglite(options: Omit<OpenDatabaseOptions, 'databaseUrl' | 'dataDir'> = {}): Promise<Database> {
  return openPgliteDatabase(undefined, options);
}
