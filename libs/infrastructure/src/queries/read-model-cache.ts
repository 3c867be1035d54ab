import { LRUCache } from 'lru-cache';
import { ReadModelsVersion, sharedVersionReads } from './shared-version-reads';

export type { ReadModelsVersion };

interface Entry {
  readonly version: string;
  readonly value: unknown;
  readonly items: number;
}

/** Answers are counted by the items they hold: one for a resource, a page's length for a page. */
const DEFAULT_MAX_ITEMS = 20_000;

/**
 * Read-model answers kept while the projections have not moved. Each read asks the database for the read
 * models' version (the projections' checkpoint and rebuild count, one indexed row) and answers from the cache
 * when the answer was loaded at that same version; otherwise it loads it again. An answer is tagged with the
 * version read before its load, so it can only be judged too old, never too new: a read sees every event
 * projected before it began, on whichever replica projected it, exactly as a read of the view tables does.
 * Answers are shared, not copied: callers must not change them.
 */
export class ReadModelCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly version: ReadModelsVersion;

  constructor(version: ReadModelsVersion, maxItems = DEFAULT_MAX_ITEMS) {
    this.version = sharedVersionReads(version);
    this.entries = new LRUCache<string, Entry>({ maxSize: maxItems, sizeCalculation: (entry) => Math.max(1, entry.items) });
  }

  async read<T>(key: string, load: () => Promise<T>, itemsOf: (value: T) => number = () => 1): Promise<T> {
    const version = await this.version();
    const kept = this.entries.get(key);
    if (kept?.version === version) return kept.value as T;
    const value = await load();
    this.entries.set(key, { version, value, items: itemsOf(value) });
    return value;
  }
}

/** No cache: every read loads (tests that read the view tables they write themselves). */
export const UNCACHED: Pick<ReadModelCache, 'read'> = { read: (_key, load) => load() };
