import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../prisma/generated/client';
import type { Database } from './migrated-database';
import { MigrationRunOptions, runMigrations } from './migration-runner';
import { pgliteReadModelsVersion } from './read-models-version';
import { pgliteSession } from './sql-session';

/** PGlite in `${dataDir}/pglite`, or in memory without a dataDir. One process at a time may open a directory. */
export async function openPgliteDatabase(dataDir: string | undefined, options: MigrationRunOptions): Promise<Database> {
  const directory = dataDir === undefined ? undefined : join(dataDir, 'pglite');
  if (directory) mkdirSync(directory, { recursive: true });
  const db = await PGlite.create(directory);
  try {
    await runMigrations(pgliteSession(db), options);
  } catch (error) {
    await db.close();
    throw error;
  }
  options.log?.(`Using the embedded PGlite database ${directory ?? 'in memory'}`);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: 'pglite',
    readModelsVersion: pgliteReadModelsVersion(db),
    close: async () => {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
    },
  };
}
