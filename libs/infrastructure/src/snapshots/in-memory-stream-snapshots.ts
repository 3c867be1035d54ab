import { StreamSnapshot, StreamSnapshots } from '@fsr/application';

/** Snapshots for the in-memory event store, kept as JSON as the database keeps them. */
export class InMemoryStreamSnapshots implements StreamSnapshots {
  private readonly rows = new Map<string, { version: number; json: string }>();

  read(streamId: string, kind: string): Promise<StreamSnapshot | null> {
    const row = this.rows.get(`${kind}:${streamId}`);
    return Promise.resolve(row ? { version: row.version, state: JSON.parse(row.json) as unknown } : null);
  }

  write(streamId: string, kind: string, snapshot: StreamSnapshot): Promise<void> {
    const key = `${kind}:${streamId}`;
    const kept = this.rows.get(key);
    if (!kept || kept.version < snapshot.version) this.rows.set(key, { version: snapshot.version, json: JSON.stringify(snapshot.state) });
    return Promise.resolve();
  }

  get size(): number {
    return this.rows.size;
  }
}
