import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

/** The little the migration runner needs from a connection: PostgreSQL through `pg`, or PGlite. */
export interface SqlSession {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script in one simple-protocol round trip, as Prisma runs migration.sql. */
  runScript(script: string): Promise<void>;
}

export function pgSession(client: ClientBase): SqlSession {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, [...params])).rows as Row[],
    runScript: async (script) => {
      await client.query(script);
    },
  };
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(sql, [...params])).rows,
    runScript: async (script) => {
      await db.exec(script);
    },
  };
}
