import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyTestPostgresDatabase } from '@fsr/testing';
import { openDatabase, openInMemoryPglite } from './database';
import { DatabaseUnreachableError } from './persistence.errors';

// PGlite migrates in WebAssembly: on a loaded 2-core machine that alone has taken most of 30 s.
jest.setTimeout(90_000);

const countEvents = async (prisma: { $queryRaw: (q: TemplateStringsArray) => Promise<unknown> }) =>
  ((await prisma.$queryRaw`SELECT count(*)::int AS count FROM events`) as [{ count: number }])[0].count;

const insertEvent = (prisma: { $executeRaw: (q: TemplateStringsArray) => Promise<number> }) =>
  prisma.$executeRaw`INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at)
    VALUES ('s', 0, 't', '{}', '{}', '{}', 'a', now())`;

describe('openDatabase', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fsr-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('without a databaseUrl keeps a migrated PGlite database in dataDir/pglite across restarts', async () => {
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await insertEvent(first.prisma);
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await countEvents(second.prisma)).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('with a databaseUrl migrates and uses PostgreSQL', async () => {
    const empty = await createEmptyTestPostgresDatabase();
    try {
      const database = await openDatabase({ databaseUrl: empty.url, dataDir });
      expect(database.kind).toBe('postgres');
      await insertEvent(database.prisma);
      expect(await countEvents(database.prisma)).toBe(1);
      await database.close();
    } finally {
      await empty.drop();
    }
  });

  it('with PostgreSQL, ends a transaction left idle past half a lease (a paused replica), so its locks do not outlive the lease', async () => {
    const empty = await createEmptyTestPostgresDatabase();
    try {
      const database = await openDatabase({ databaseUrl: empty.url, dataDir, leaseTtlMs: 4000 });
      try {
        const [{ timeout }] = await database.prisma.$queryRaw<[{ timeout: string }]>`SELECT current_setting('idle_in_transaction_session_timeout') AS timeout`;
        expect(timeout).toBe('2s');
        // A transaction that inserts, then waits longer than that before its next statement, as a paused process does.
        const paused = database.prisma.$transaction(async (tx) => {
          await insertEvent(tx);
          await new Promise((resume) => setTimeout(resume, 2500));
          await countEvents(tx);
        }, { timeout: 10_000 });
        await expect(paused).rejects.toThrow();
        // Its insert was rolled back, and the stream it locked takes an append at once.
        expect(await countEvents(database.prisma)).toBe(0);
        await insertEvent(database.prisma);
        expect(await countEvents(database.prisma)).toBe(1);
      } finally {
        await database.close();
      }
    } finally {
      await empty.drop();
    }
  });

  it('explains an unreachable PostgreSQL without showing the password', async () => {
    const opening = openDatabase({ databaseUrl: 'postgresql://fsr:s3cret@127.0.0.1:1/fsr', dataDir });
    await expect(opening).rejects.toThrow(DatabaseUnreachableError);
    await expect(opening).rejects.toThrow(/fsr@127\.0\.0\.1:1\/fsr is unreachable \(connect ECONNREFUSED [^)]*\).*unset DATABASE_URL/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});

describe('openInMemoryPglite', () => {
  it('gives a migrated database that forgets everything when closed', async () => {
    const database = await openInMemoryPglite();
    await insertEvent(database.prisma);
    expect(await countEvents(database.prisma)).toBe(1);
    await database.close();
    const fresh = await openInMemoryPglite();
    expect(await countEvents(fresh.prisma)).toBe(0);
    await fresh.close();
  });
});
