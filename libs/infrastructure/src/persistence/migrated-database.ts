import { PrismaClient } from '../prisma/generated/client';
import type { ReadModelsVersion } from '../queries/read-model-cache';

export type DatabaseKind = 'postgres' | 'pglite';

/** A migrated database and the Prisma client bound to it. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseKind;
  /** The read models' version (rebuilds and checkpoint), read without Prisma. */
  readonly readModelsVersion: ReadModelsVersion;
  close(): Promise<void>;
}
