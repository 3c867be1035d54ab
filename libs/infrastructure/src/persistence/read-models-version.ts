import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { READ_MODELS_CHECKPOINT } from '../projections/projection-checkpoint';
import type { ReadModelsVersion } from '../queries/read-model-cache';

const SQL = 'SELECT position, rebuilds FROM projection_checkpoints WHERE name = $1';

interface CheckpointRow {
  readonly position: string | number | bigint;
  readonly rebuilds: number;
}

/** `<rebuilds>:<position>`: moves whenever what the views hold may have changed. */
const versionOf = (rows: readonly CheckpointRow[]): string => (rows.length === 0 ? '0:0' : `${rows[0].rebuilds}:${String(rows[0].position)}`);

/** `pg`'s own errors for a server it cannot reach, in the shape `isDatabaseUnavailable` knows from Prisma's adapter. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /timeout exceeded when trying to connect|Query read timeout|Connection terminated|Cannot use a pool after calling end/i;

/** Read as a plain object: inside Jest, errors from Node's own modules come from another realm than `Error`. */
function unreachableOr(error: unknown): unknown {
  const facts: { code?: unknown; message?: unknown } = typeof error === 'object' && error !== null ? error : {};
  const code = typeof facts.code === 'string' ? facts.code : '';
  const message = typeof facts.message === 'string' ? facts.message : String(error);
  if (CONNECTION_CODES.has(code) || CONNECTION_MESSAGES.test(message)) {
    return Object.assign(new Error(`PostgreSQL cannot be reached: ${message}`, { cause: error }), { kind: 'DatabaseNotReachable' });
  }
  return error;
}

/**
 * Asked once per cached read: straight through `pg` as a prepared statement, not through Prisma, whose
 * query pipeline costs more CPU than the answer it guards.
 */
export const postgresReadModelsVersion =
  (pool: Pool): ReadModelsVersion =>
  async () => {
    try {
      return versionOf((await pool.query<CheckpointRow>({ name: 'fsr-read-models-version', text: SQL, values: [READ_MODELS_CHECKPOINT] })).rows);
    } catch (error) {
      throw unreachableOr(error);
    }
  };

export const pgliteReadModelsVersion =
  (db: PGlite): ReadModelsVersion =>
  async () =>
    versionOf((await db.query<CheckpointRow>(SQL, [READ_MODELS_CHECKPOINT])).rows);
