import { Client } from 'pg';
import { createEmptyTestPostgresDatabase, EmptyTestPostgresDatabase } from '@fsr/testing';
import { CLI_TIMEOUT, prisma } from '../../../../scripts/prisma-engine/cli-test-helpers';
import { findMigrationsDirectory, readMigrations } from './migration-files';
import { runMigrations } from './migration-runner';
import { pgSession } from './sql-session';

// The point of writing Prisma's bookkeeping by hand: the real Prisma CLI must agree with it both ways.
jest.setTimeout(2 * CLI_TIMEOUT);

const committedNames = readMigrations(findMigrationsDirectory()).map((migration) => migration.name);

async function migrateWithRunner(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await runMigrations(pgSession(client));
  } finally {
    await client.end();
  }
}

let database: EmptyTestPostgresDatabase;
beforeEach(async () => {
  database = await createEmptyTestPostgresDatabase();
});
afterEach(() => database.drop());

it('after the runner, `prisma migrate status` is up to date and `migrate deploy` has nothing to apply', async () => {
  expect((await migrateWithRunner(database.url)).applied).toEqual(committedNames);
  const status = await prisma(['migrate', 'status'], database.url);
  expect(status.stdout).toContain('Database schema is up to date!');
  expect(status.code).toBe(0);
  const deploy = await prisma(['migrate', 'deploy'], database.url);
  expect(deploy.stdout).toContain('No pending migrations to apply.');
  expect(deploy.code).toBe(0);
});

it('after `prisma migrate deploy`, the runner finds every migration applied', async () => {
  const deploy = await prisma(['migrate', 'deploy'], database.url);
  expect(deploy.code).toBe(0);
  expect(await migrateWithRunner(database.url)).toEqual({ applied: [], alreadyApplied: committedNames });
});
