import { ReadModelCache } from './read-model-cache';

describe('ReadModelCache', () => {
  let version: string;
  let loads: number;
  const load = () => Promise.resolve({ loadedAt: version, load: ++loads });

  beforeEach(() => {
    version = '0:10';
    loads = 0;
  });

  it("answers from the cache while the read models' version stands still", async () => {
    const cache = new ReadModelCache(() => Promise.resolve(version));
    const first = await cache.read('vm:1', load);
    expect(await cache.read('vm:1', load)).toBe(first);
    expect(loads).toBe(1);
  });

  it('loads again once the projections have moved, and keeps each key apart', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(version));
    await cache.read('vm:1', load);
    await cache.read('vm:2', load);
    version = '0:11';
    expect(await cache.read('vm:1', load)).toEqual({ loadedAt: '0:11', load: 3 });
    expect(loads).toBe(3);
  });

  it('tags an answer with the version read before its load, so a projection during the load forces the next read to load', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(version));
    const projectedDuringLoad = () => {
      version = '0:11';
      return load();
    };
    await cache.read('vm:1', projectedDuringLoad);
    await cache.read('vm:1', load);
    expect(loads).toBe(2);
    await cache.read('vm:1', load);
    expect(loads).toBe(2);
  });

  it('keeps no failed load', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(version));
    await expect(cache.read('vm:1', () => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
    expect(await cache.read('vm:1', load)).toEqual({ loadedAt: '0:10', load: 1 });
  });

  it('holds at most its budget of items, counting a page by its length', async () => {
    const cache = new ReadModelCache(() => Promise.resolve(version), 10);
    const page = (items: number) => () => Promise.resolve({ items: Array.from({ length: items }, () => ++loads) });
    await cache.read('page:a', page(6), (value) => value.items.length);
    await cache.read('page:b', page(6), (value) => value.items.length);
    await cache.read('page:a', page(6), (value) => value.items.length);
    expect(loads).toBe(18);
  });

  it('fails a read whose version cannot be read, without loading', async () => {
    const cache = new ReadModelCache(() => Promise.reject(new Error('database down')));
    await expect(cache.read('vm:1', load)).rejects.toThrow('database down');
    expect(loads).toBe(0);
  });
});
