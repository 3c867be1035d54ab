import { LRUCache } from 'lru-cache';
import { sharedPositionReads } from './shared-position-reads';

/** Where the read models are: the position of the last event the projections applied. */
export type ReadModelsPosition = () => Promise<bigint>;

interface Entry {
  readonly position: bigint;
  readonly value: unknown;
  readonly items: number;
}

/** Answers are counted by the items they hold: one for a resource, a page's length for a page. */
const DEFAULT_MAX_ITEMS = 20_000;

/**
 * Read-model answers kept while the projections have not moved. Each read asks the database for the
 * projections' position (one indexed row) and answers from the cache when the answer was loaded at that
 * same position; otherwise it loads it again. An answer is tagged with the position read before its load,
 * so it can only be judged too old, never too new: a read sees every event projected before it began, on
 * whichever replica projected it, exactly as a read of the view tables does. Answers are shared, not
 * copied: callers must not change them.
 */
export class ReadModelCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly position: ReadModelsPosition;

  constructor(position: ReadModelsPosition, maxItems = DEFAULT_MAX_ITEMS) {
    this.position = sharedPositionReads(position);
    this.entries = new LRUCache<string, Entry>({ maxSize: maxItems, sizeCalculation: (entry) => Math.max(1, entry.items) });
  }

  async read<T>(key: string, load: () => Promise<T>, itemsOf: (value: T) => number = () => 1): Promise<T> {
    const position = await this.position();
    const kept = this.entries.get(key);
    if (kept?.position === position) return kept.value as T;
    const value = await load();
    this.entries.set(key, { position, value, items: itemsOf(value) });
    return value;
  }
}

/** No cache: every read loads (tests that read the view tables they write themselves). */
export const UNCACHED: Pick<ReadModelCache, 'read'> = { read: (_key, load) => load() };
