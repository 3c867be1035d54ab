import { Database, openInMemoryPglite } from '@fsr/infrastructure';

/** A migrated in-memory PGlite database with its Prisma client; `close()` frees it. */
export function createTestPglite(): Promise<Database> {
  return openInMemoryPglite();
}
