import { PrismaClient } from '../prisma/generated/client';

export type DatabaseKind = 'postgres' | 'pglite';

/** A migrated database and the Prisma client bound to it. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}
