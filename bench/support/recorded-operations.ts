import { Client } from 'pg';
import { EVENT_APPEND_LOCK_KEY } from '@fsr/infrastructure';

/**
 * Copies the event streams of succeeded operations under fresh ids until the log holds `total` operations:
 * a history as long as months of use would leave, recorded in minutes. Only the operation streams are
 * copied (the VMs' and hosts' own streams are left as they are), so the copies show up in the operations'
 * read model, the VMs' histories and the log's size, and change no VM, host or datastore.
 */
export async function recordOperationsUpTo(databaseUrl: string, total: number): Promise<{ copied: number; eventRows: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    const sources = await count(`SELECT count(*) AS n FROM events WHERE type = 'operation.succeeded'`);
    const operations = await count(`SELECT count(*) AS n FROM events WHERE stream_id LIKE 'operation-%' AND stream_version = 0`);
    if (sources === 0 || operations >= total) return { copied: 0, eventRows: 0 };
    const copiesEach = Math.ceil((total - operations) / sources);
    // Under the appends' lock: an append committing meanwhile would take a later position and commit first,
    // and the projector, past it, would never come back for the copies.
    await db.query('BEGIN');
    await db.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(EVENT_APPEND_LOCK_KEY)]);
    const inserted = await db.query(
      `WITH sources AS MATERIALIZED (
         SELECT substring(stream_id FROM 11) AS id FROM events WHERE type = 'operation.succeeded' AND stream_id LIKE 'operation-%'
       ), copies AS MATERIALIZED (
         SELECT sources.id AS old, gen_random_uuid()::text AS new FROM sources, generate_series(1, $1::int)
       )
       INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at)
       SELECT replace(e.stream_id, c.old, c.new), e.stream_version, e.type, replace(e.data::text, c.old, c.new)::jsonb,
              replace(e.metadata::text, c.old, c.new)::jsonb, ARRAY(SELECT replace(s, c.old, c.new) FROM unnest(e.subjects) s),
              e.actor, e.occurred_at
       FROM copies c JOIN events e ON e.stream_id = 'operation-' || c.old
       ORDER BY c.new, e.stream_version`,
      [copiesEach],
    );
    await db.query('COMMIT');
    return { copied: copiesEach * sources, eventRows: inserted.rowCount ?? 0 };
  } finally {
    await db.end();
  }
}
