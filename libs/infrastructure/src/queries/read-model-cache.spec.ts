import { ReadModelCache } from './read-model-cache';

describe('ReadModelCache', () => {
  let position: bigint;
  let loads: number;
  const load = () => Promise.resolve({ loadedAt: position, load: ++loads });

  beforeEach(() => {
    position = 10n;
    loads = 0;
  });

  it('answers from the cache while the projections have not moved', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(position));
    const first = await cache.read('vm:1', load);
    expect(await cache.read('vm:1', load)).toBe(first);
    expect(loads).toBe(1);
  });

  it('loads again once the projections have moved, and keeps each key apart', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(position));
    await cache.read('vm:1', load);
    await cache.read('vm:2', load);
    position = 11n;
    expect(await cache.read('vm:1', load)).toEqual({ loadedAt: 11n, load: 3 });
    expect(loads).toBe(3);
  });

  it('tags an answer with the position read before its load, so a projection during the load forces the next read to load', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(position));
    const projectedDuringLoad = () => {
      position = 11n;
      return load();
    };
    await cache.read('vm:1', projectedDuringLoad);
    await cache.read('vm:1', load);
    expect(loads).toBe(2);
    await cache.read('vm:1', load);
    expect(loads).toBe(2);
  });

  it('keeps no failed load', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(position));
    await expect(cache.read('vm:1', () => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
    expect(await cache.read('vm:1', load)).toEqual({ loadedAt: 10n, load: 1 });
  });

  it('holds at most its budget of items, counting a page by its length', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(position), 10);
    const page = (items: number) => () => Promise.resolve({ items: Array.from({ length: items }, () => ++loads) });
    await cache.read('page:a', page(6), (value) => value.items.length);
    await cache.read('page:b', page(6), (value) => value.items.length);
    await cache.read('page:a', page(6), (value) => value.items.length);
    expect(loads).toBe(18);
  });

  it('fails a read whose position cannot be read, without loading', async () => {
    const cache = new ReadModelCache(() => Promise.reject(new Error('database down')));
    await expect(cache.read('vm:1', load)).rejects.toThrow('database down');
    expect(loads).toBe(0);
  });
});
