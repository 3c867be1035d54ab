import { connectionNameOf, duplicateClient, RedisClient } from '@fsr/redis-plumbing';

/** Long enough to cost nothing when idle, short enough that a partition created meanwhile is soon watched. */
const BLOCK_MS = 2000;
const RETRY_MS = 1000;

/**
 * One blocking connection for all of a host's partitions: it reads their BullMQ event streams and calls
 * `onWaiting` for a partition where a job is waiting, whoever queued it (another process, a retry, a
 * stalled job given back). The agent's own additions are fetched at once without it.
 */
export class PartitionWatch {
  /** Events key to its partition and the last entry read; no entry read yet: undefined, read from its end. */
  private readonly streams = new Map<string, { partition: number; lastId?: string }>();
  private readonly reader: RedisClient;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    connection: RedisClient,
    private readonly onWaiting: (partition: number) => void,
    private readonly log: (message: string) => void,
  ) {
    this.reader = duplicateClient(connection, `${connectionNameOf(connection) ?? 'fsr'}:partition-watch`);
    this.reader.on('error', () => undefined);
  }

  add(partition: number, eventsKey: string): void {
    this.streams.set(eventsKey, { partition });
    this.running ??= this.loop();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.reader.disconnect();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.startNewStreams();
        const keys = [...this.streams.keys()];
        const ids = keys.map((key) => this.streams.get(key)?.lastId ?? '0-0');
        const answer = await this.reader.xread('COUNT', 100, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids);
        for (const [key, entries] of answer ?? []) this.take(key, entries);
      } catch (error) {
        if (this.stopped) return;
        this.log(`partition watch: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** A stream's reading starts after its last entry; the partition's jobs already waiting are fetched now. */
  private async startNewStreams(): Promise<void> {
    for (const [key, stream] of this.streams) {
      if (stream.lastId !== undefined) continue;
      const [last] = await this.reader.xrevrange(key, '+', '-', 'COUNT', 1);
      stream.lastId = last ? last[0] : '0-0';
      this.onWaiting(stream.partition);
    }
  }

  private take(key: string, entries: [id: string, fields: string[]][]): void {
    const stream = this.streams.get(key);
    if (!stream || entries.length === 0) return;
    stream.lastId = entries[entries.length - 1][0];
    if (entries.some(([, fields]) => fields[0] === 'event' && fields[1] === 'waiting')) this.onWaiting(stream.partition);
  }
}
