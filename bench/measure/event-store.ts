import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DomainEvent } from '@fsr/domain';
import { PrismaEventStore } from '@fsr/infrastructure';
import { createTestPostgresDatabase } from '@fsr/testing';
import { repeat, Summary, summarize } from '../support/stats';

export interface EventStoreFigures {
  readonly events: number;
  readonly batchSize: number;
  /** Events per second. */
  readonly single: Summary;
  readonly batched: Summary;
  readonly rawPg: Summary;
}

const BATCH = 100;
const context = { correlationId: randomUUID(), causationId: null, actor: 'bench' };

/** An event about the size of a segment-completed one. */
const eventAt = (index: number): DomainEvent => ({
  type: 'operation.segment-completed',
  data: {
    operationId: randomUUID(),
    partition: index % 48,
    segment: { index, startedAt: 1_764_000_000_000.123, endedAt: 1_764_000_000_001.456, checksum: 'a1b2c3d4', sourceChecksum: 'a1b2c3d4', attempts: 1 },
  },
});

async function rawInsert(client: Client, streamId: string, first: number, count: number): Promise<void> {
  const values: unknown[] = [];
  const rows: string[] = [];
  const occurredAt = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const event = eventAt(first + i);
    const metadata = { ...context, occurredAt, subjects: [streamId] };
    const at = values.length;
    rows.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8})`);
    values.push(streamId, first + i, event.type, event.data, metadata, [streamId], context.actor, occurredAt);
  }
  await client.query(
    `INSERT INTO events (stream_id, stream_version, type, data, metadata, subjects, actor, occurred_at) VALUES ${rows.join(', ')}`,
    values,
  );
}

/** Appends `events` events through the project's event store one at a time and in batches, and with raw `pg`. */
export async function measureEventStore(events: number, runs: number): Promise<EventStoreFigures> {
  const database = await createTestPostgresDatabase();
  const store = new PrismaEventStore(database.prisma);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const rate = (ms: number) => Math.round(events / (ms / 1000));
  const timed = async (work: (streamId: string) => Promise<void>) => {
    const streamId = `bench-${randomUUID()}`;
    const startedAt = performance.now();
    await work(streamId);
    return performance.now() - startedAt;
  };
  try {
    const single = await repeat(runs, () =>
      timed(async (streamId) => {
        for (let i = 0; i < events; i++) await store.append([{ streamId, expectedVersion: i - 1, events: [eventAt(i)] }], context);
      }),
    );
    const batched = await repeat(runs, () =>
      timed(async (streamId) => {
        for (let i = 0; i < events; i += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, events - i) }, (_, k) => eventAt(i + k));
          await store.append([{ streamId, expectedVersion: i - 1, events: batch }], context);
        }
      }),
    );
    const raw = await repeat(runs, () =>
      timed(async (streamId) => {
        for (let i = 0; i < events; i += BATCH) await rawInsert(client, streamId, i, Math.min(BATCH, events - i));
      }),
    );
    return { events, batchSize: BATCH, single: summarize(single.map(rate)), batched: summarize(batched.map(rate)), rawPg: summarize(raw.map(rate)) };
  } finally {
    await client.end();
    await database.drop();
  }
}
