import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { READ_MODELS_CHECKPOINT } from '../projections/projection-checkpoint';
import type { ReadModelsPosition } from '../queries/read-model-cache';

const SQL = 'SELECT position FROM projection_checkpoints WHERE name = $1';

const positionOf = (rows: readonly { position: string | number | bigint }[]): bigint => (rows.length === 0 ? 0n : BigInt(rows[0].position));

/**
 * Asked once per cached read: straight through `pg` as a prepared statement, not through Prisma, whose
 * query pipeline costs more CPU than the answer it guards.
 */
export const postgresReadModelsPosition =
  (pool: Pool): ReadModelsPosition =>
  async () =>
    positionOf((await pool.query<{ position: string }>({ name: 'fsr-read-models-position', text: SQL, values: [READ_MODELS_CHECKPOINT] })).rows);

export const pgliteReadModelsPosition =
  (db: PGlite): ReadModelsPosition =>
  async () =>
    positionOf((await db.query<{ position: string }>(SQL, [READ_MODELS_CHECKPOINT])).rows);
