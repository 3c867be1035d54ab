import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { createEmptyTestPostgresDatabase } from '@fsr/testing';
import { findMigrationsDirectory, migrationChecksum, readMigrations } from './migration-files';
import { runMigrations } from './migration-runner';
import { MigrationChecksumMismatchError, MigrationFailedEarlierError, MigrationScriptFailedError } from './persistence.errors';
import { pgliteSession, pgSession, SqlSession } from './sql-session';

jest.setTimeout(30_000);

const committed = readMigrations(findMigrationsDirectory());
const committedNames = committed.map((migration) => migration.name);

interface Target {
  session(): Promise<SqlSession>;
  close(): Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  const database = await createEmptyTestPostgresDatabase();
  const clients: Client[] = [];
  return {
    session: async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      clients.push(client);
      return pgSession(client);
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.end()));
      await database.drop();
    },
  };
}

async function pgliteTarget(): Promise<Target> {
  const db = await PGlite.create();
  return { session: async () => pgliteSession(db), close: () => db.close() };
}

function copyOfCommittedMigrations(): string {
  const directory = mkdtempSync(join(tmpdir(), 'fsr-migrations-'));
  cpSync(findMigrationsDirectory(), directory, { recursive: true });
  return directory;
}

describe.each([
  ['PostgreSQL', postgresTarget],
  ['PGlite', pgliteTarget],
])('runMigrations on %s', (_name, createTarget) => {
  let target: Target;
  let session: SqlSession;
  beforeEach(async () => {
    target = await createTarget();
    session = await target.session();
  });
  afterEach(() => target.close());

  it('applies the committed migrations once; running again is a no-op', async () => {
    expect(await runMigrations(session)).toEqual({ applied: committedNames, alreadyApplied: [] });
    expect(await runMigrations(session)).toEqual({ applied: [], alreadyApplied: committedNames });
    const tables = await session.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'events']));
    const rows = await session.query<{ count: number }>('SELECT count(*)::int AS count FROM _prisma_migrations');
    expect(rows[0].count).toBe(committed.length);
  });

  it("records each migration as Prisma does: sha256 checksum, finished, one step", async () => {
    await runMigrations(session);
    const rows = await session.query<Record<string, unknown>>('SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows).toEqual(
      committed.map((migration) => ({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        checksum: migrationChecksum(migration.script),
        finished_at: expect.any(Date),
        migration_name: migration.name,
        logs: null,
        rolled_back_at: null,
        started_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    await runMigrations(session);
    const directory = copyOfCommittedMigrations();
    try {
      writeFileSync(join(directory, committedNames[0], 'migration.sql'), `${committed[0].script}\n-- edited\n`);
      await expect(runMigrations(session, { migrationsDirectory: directory })).rejects.toThrow(
        MigrationChecksumMismatchError,
      );
    } finally {
      rmSync(directory, { recursive: true });
    }
  });

  it('refuses a tampered checksum in _prisma_migrations', async () => {
    await runMigrations(session);
    await session.query("UPDATE _prisma_migrations SET checksum = repeat('0', 64)");
    await expect(runMigrations(session)).rejects.toMatchObject({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      migrationNames: committedNames,
    });
  });

  it('keeps a failed migration as Prisma does (logs, no finished_at) and refuses to go on', async () => {
    const directory = copyOfCommittedMigrations();
    try {
      const broken = join(directory, '99990101000000_broken');
      cpSync(join(directory, committedNames[0]), broken, { recursive: true });
      writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "broken" ("id" TEXT);\nSELECT no_such_function();\n');
      await expect(runMigrations(session, { migrationsDirectory: directory })).rejects.toThrow(MigrationScriptFailedError);
      const [row] = await session.query<Record<string, unknown>>(
        "SELECT logs, finished_at, applied_steps_count FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'",
      );
      expect(row).toEqual({ logs: expect.stringContaining('no_such_function'), finished_at: null, applied_steps_count: 0 });
      const broke = await session.query("SELECT 1 FROM pg_tables WHERE tablename = 'broken'");
      expect(broke).toHaveLength(0);
      await expect(runMigrations(session, { migrationsDirectory: directory })).rejects.toThrow(MigrationFailedEarlierError);
    } finally {
      rmSync(directory, { recursive: true });
    }
  });
});

describe('runMigrations with concurrent runners on PostgreSQL', () => {
  let target: Target;
  beforeEach(async () => {
    target = await postgresTarget();
  });
  afterEach(() => target.close());

  it('serialises them with the advisory lock: one applies, the others find it applied', async () => {
    const sessions = await Promise.all([target.session(), target.session(), target.session()]);
    const results = await Promise.all(sessions.map((session) => runMigrations(session)));
    expect(results.map((result) => result.applied.length).sort()).toEqual([0, 0, committed.length]);
    const rows = await sessions[0].query<{ count: number }>('SELECT count(*)::int AS count FROM _prisma_migrations');
    expect(rows[0].count).toBe(committed.length);
  });
});
