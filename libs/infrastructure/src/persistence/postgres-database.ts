import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, PoolClient } from 'pg';
import { TIMEOUTS } from '@fsr/contracts';
import { PrismaClient } from '../prisma/generated/client';
import type { Database } from './migrated-database';
import { MigrationRunOptions, runMigrations } from './migration-runner';
import { DatabaseUnreachableError } from './persistence.errors';
import { postgresReadModelsVersion } from './read-models-version';
import { pgSession } from './sql-session';

/** `user@host:port/database`, without the password, for error messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.hostname || 'localhost'}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'the DATABASE_URL (not a valid URL)';
  }
}

/**
 * A transaction whose client goes silent this long is ended by the server: a replica paused (SIGSTOP) in the
 * middle of an append or a projection batch would otherwise hold its locks (the append lock among them), and stall
 * every other replica, until it woke. Half a lease, kept between 2 and 10 s: with the default 5 s lease the locks
 * are gone before the paused replica's lease runs out, so the replica that takes its work over is not held back;
 * never so short that a live process slowed by a loaded machine loses a transaction between two statements.
 */
export const idleInTransactionTimeoutFor = (leaseTtlMs: number): number => Math.min(10_000, Math.max(2000, Math.floor(leaseTtlMs / 2)));

export interface PostgresOptions extends MigrationRunOptions {
  /** The work leases' time to live: transactions left idle by a paused process end within half of it. */
  readonly leaseTtlMs?: number;
}

export async function openPostgresDatabase(url: string, options: PostgresOptions): Promise<Database> {
  const idleInTransaction = idleInTransactionTimeoutFor(options.leaseTtlMs ?? TIMEOUTS.leaseTtlMs);
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 10_000, idle_in_transaction_session_timeout: idleInTransaction });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.log?.(`PostgreSQL connection lost: ${error.message}`));
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnreachableError(describePostgresUrl(url), error);
  }
  try {
    await runMigrations(pgSession(client), options);
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  options.log?.(`Using PostgreSQL at ${describePostgresUrl(url)}`);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Its own connections: a read of the version must not queue behind appends and projections holding the pool.
  const versionPool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  versionPool.on('error', (error) => options.log?.(`PostgreSQL connection lost: ${error.message}`));
  return {
    prisma,
    kind: 'postgres',
    readModelsVersion: postgresReadModelsVersion(versionPool),
    close: async () => {
      try {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      } finally {
        if (!versionPool.ended) await versionPool.end();
      }
    },
  };
}
