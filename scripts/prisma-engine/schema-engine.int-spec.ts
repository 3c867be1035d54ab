import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, CLI_TIMEOUT, createDatabase, dropDatabase, freshDatabaseName, prisma, root } from './cli-test-helpers';

describe('Prisma CLI migrations through the wasm schema engine shim', () => {
  const database = freshDatabaseName();
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createDatabase(database);
  });

  afterAll(() => dropDatabase(database));

  it('migrate deploy applies prisma/migrations, recording the native checksums', async () => {
    const deploy = await prisma(['migrate', 'deploy'], databaseUrl);
    expect(deploy).toMatchObject({ code: 0 });
    expect(deploy.stdout).toContain('All migrations have been successfully applied.');

    const migrationsDir = path.join(root, 'prisma', 'migrations');
    const onDisk = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const sql = readFileSync(path.join(migrationsDir, entry.name, 'migration.sql'));
        return { migration_name: entry.name, checksum: createHash('sha256').update(sql).digest('hex') };
      });
    const applied = await admin(
      (client) =>
        client.query('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name'),
      database,
    );
    expect(onDisk.length).toBeGreaterThan(0);
    expect(applied.rows).toEqual(onDisk.sort((a, b) => a.migration_name.localeCompare(b.migration_name)));
  }, CLI_TIMEOUT);

  it('migrate status then says the database is up to date', async () => {
    const status = await prisma(['migrate', 'status'], databaseUrl);
    expect(status).toMatchObject({ code: 0 });
    expect(status.stdout).toContain('Database schema is up to date!');
  }, CLI_TIMEOUT);

  it('migrate diff from the migrations to the schema is empty', async () => {
    const args = ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma'];
    const diff = await prisma([...args, '--script', '--exit-code'], databaseUrl);
    expect(diff.stdout.trim()).toBe('-- This is an empty migration.');
    expect(diff.code).toBe(0);
  }, CLI_TIMEOUT);

  it('migrate diff reports a difference when there is one', async () => {
    const diff = await prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.prisma', '--script', '--exit-code'], databaseUrl);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toMatch(/CREATE TABLE "events"/);
  }, CLI_TIMEOUT);
});

describe('migrate dev through the shim (shadow database and new migrations)', () => {
  const database = freshDatabaseName();
  let databaseUrl: string;
  let project: string;

  const writeSchema = (fields: string) =>
    writeFileSync(
      path.join(project, 'prisma', 'schema.prisma'),
      `datasource db {\n  provider = "postgresql"\n}\n\nmodel Note {\n  id Int @id @default(autoincrement())\n${fields}}\n`,
    );
  const migrationScripts = () =>
    readdirSync(path.join(project, 'prisma', 'migrations'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => readFileSync(path.join(project, 'prisma', 'migrations', entry.name, 'migration.sql'), 'utf8'));

  beforeAll(async () => {
    databaseUrl = await createDatabase(database);
    project = mkdtempSync(path.join(tmpdir(), 'prisma-engine-'));
    symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
    mkdirSync(path.join(project, 'prisma'));
    writeFileSync(path.join(project, 'prisma.config.ts'), readFileSync(path.join(root, 'prisma.config.ts')));
  });

  afterAll(async () => {
    rmSync(project, { recursive: true, force: true });
    await dropDatabase(database);
  });

  it('creates and applies a migration per schema change', async () => {
    writeSchema('  body String\n');
    const first = await prisma(['migrate', 'dev', '--name', 'notes'], databaseUrl, project);
    expect(first).toMatchObject({ code: 0 });

    writeSchema('  body String\n  pinned Boolean @default(false)\n');
    const second = await prisma(['migrate', 'dev', '--name', 'pinned'], databaseUrl, project);
    expect(second).toMatchObject({ code: 0 });

    const scripts = migrationScripts();
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toContain('CREATE TABLE "Note"');
    expect(scripts[1]).toContain('ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false');
    const columns = await admin(
      (client) => client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Note' ORDER BY 1`),
      database,
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(['body', 'id', 'pinned']);
  }, CLI_TIMEOUT);
});
