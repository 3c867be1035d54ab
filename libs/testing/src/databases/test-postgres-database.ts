import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database, openDatabase } from '@fsr/infrastructure';

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export interface EmptyTestPostgresDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, closing whatever connections are left. */
  drop(): Promise<void>;
}

export interface TestPostgresDatabase extends EmptyTestPostgresDatabase {
  readonly prisma: Database['prisma'];
  readonly readModelsVersion: Database['readModelsVersion'];
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
}

async function asAdmin(sql: string, admin = adminUrl()): Promise<void> {
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database `fsr_test_<random>` on the test server (TEST_DATABASE_ADMIN_URL, or `admin`, overrides it). */
export async function createEmptyTestPostgresDatabase(admin = adminUrl()): Promise<EmptyTestPostgresDatabase> {
  const name = `fsr_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`, admin);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, admin) };
}

/** A new, migrated database with a Prisma client; `drop()` closes the client's pool and drops it. */
export async function createTestPostgresDatabase(): Promise<TestPostgresDatabase> {
  const empty = await createEmptyTestPostgresDatabase();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: empty.url, dataDir: '' });
  } catch (error) {
    await empty.drop();
    throw error;
  }
  return {
    ...empty,
    prisma: database.prisma,
    readModelsVersion: database.readModelsVersion,
    drop: async () => {
      await database.close();
      await empty.drop();
    },
  };
}
