import { isEventOf, RecordedEvent } from '@fsr/domain';
import { EVENT_SCHEMAS } from '../event-store/event-schemas/event-registry';
import { Prisma } from '../prisma/generated/client';
import { viewTables } from './prisma-view-tables';
import { ViewSession } from './view-projection';
import { VIEW_NAMES, ViewName, ViewRows } from './view-rows';

interface CachedRow {
  row: ViewRows[ViewName] | null;
  dirty: boolean;
}

/** Loads each row once per batch, keeps changes in memory and writes the final rows in `flush`. */
export class PrismaViewSession implements ViewSession {
  private readonly rows = new Map<ViewName, Map<string, CachedRow>>(VIEW_NAMES.map((view) => [view, new Map()]));
  private readonly commitments = new Map<string, number>();

  constructor(private readonly tx: Prisma.TransactionClient) {}

  async get<V extends ViewName>(view: V, id: string): Promise<ViewRows[V] | null> {
    const cached = this.rows.get(view)!.get(id);
    if (cached) return cached.row as ViewRows[V] | null;
    const row = await viewTables[view].find(this.tx, id);
    this.rows.get(view)!.set(id, { row, dirty: false });
    return row;
  }

  put<V extends ViewName>(view: V, row: ViewRows[V]): void {
    this.rows.get(view)!.set(row.id, { row, dirty: true });
  }

  remove(view: ViewName, id: string): void {
    this.rows.get(view)!.set(id, { row: null, dirty: true });
  }

  async previousCommitMiB(event: RecordedEvent, vmId: string): Promise<number> {
    const key = `${event.streamId}\u0000${vmId}`;
    const known = this.commitments.get(key);
    const previous = known ?? (await this.lastRecordedCommitMiB(event, vmId));
    if (isEventOf(event, 'host.vm-memory-committed')) this.commitments.set(key, event.data.memoryMiB);
    return previous;
  }

  async flush(): Promise<void> {
    for (const view of VIEW_NAMES) {
      const table = viewTables[view];
      for (const [id, cached] of this.rows.get(view)!) {
        if (!cached.dirty) continue;
        if (cached.row === null) await table.remove(this.tx, id);
        else await table.save(this.tx, cached.row as never);
      }
    }
  }

  private async lastRecordedCommitMiB(event: RecordedEvent, vmId: string): Promise<number> {
    const previous = await this.tx.event.findFirst({
      where: {
        streamId: event.streamId,
        streamVersion: { lt: event.streamVersion },
        type: 'host.vm-memory-committed',
        data: { path: ['vmId'], equals: vmId },
      },
      orderBy: { streamVersion: 'desc' },
      select: { data: true },
    });
    const read = EVENT_SCHEMAS['host.vm-memory-committed'].safeParse(previous?.data);
    return read.success ? read.data.memoryMiB : 0;
  }
}
