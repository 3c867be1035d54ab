import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MigrationsDirectoryNotFoundError } from './persistence.errors';

export interface MigrationFile {
  /** The folder name, e.g. `20261126000000_init`: Prisma's `migration_name`. */
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

/** What Prisma stores in `_prisma_migrations.checksum`: the sha256 of migration.sql, in hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/** Prisma accepts a checksum taken before or after git converted the file's line endings. */
export function checksumMatches(script: string, checksum: string): boolean {
  return migrationChecksum(script) === checksum || migrationChecksum(script.replaceAll('\r\n', '\n')) === checksum;
}

/** `prisma/migrations` of the nearest ancestor that has one: the repo from src/ (Jest) and from dist/. */
export function findMigrationsDirectory(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
    if (dirname(dir) === dir) throw new MigrationsDirectoryNotFoundError(startDir);
  }
}

/** The committed migrations in the order Prisma applies them (by folder name). */
export function readMigrations(directory: string): MigrationFile[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const script = readFileSync(join(directory, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: migrationChecksum(script) };
    });
}
