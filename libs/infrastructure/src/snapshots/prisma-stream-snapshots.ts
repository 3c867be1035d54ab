import { StreamSnapshot, StreamSnapshots } from '@fsr/application';
import { Prisma, PrismaClient } from '../prisma/generated/client';

/** Snapshots as rows of `stream_snapshots`, one per stream and kind; a later version replaces an earlier one. */
export class PrismaStreamSnapshots implements StreamSnapshots {
  constructor(private readonly prisma: PrismaClient) {}

  async read(streamId: string, kind: string): Promise<StreamSnapshot | null> {
    const row = await this.prisma.streamSnapshot.findUnique({ where: { streamId_kind: { streamId, kind } } });
    return row ? { version: row.version, state: row.state } : null;
  }

  async write(streamId: string, kind: string, snapshot: StreamSnapshot): Promise<void> {
    const state = JSON.stringify(snapshot.state);
    await this.prisma.$executeRaw(Prisma.sql`
      INSERT INTO stream_snapshots (stream_id, kind, version, state) VALUES (${streamId}, ${kind}, ${snapshot.version}, ${state}::jsonb)
      ON CONFLICT (stream_id, kind) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state
      WHERE stream_snapshots.version < EXCLUDED.version`);
  }
}
