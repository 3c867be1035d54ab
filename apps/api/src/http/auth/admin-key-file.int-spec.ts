import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminKeyPath, loadOrCreateAdminKey } from './admin-key-file';

describe('loadOrCreateAdminKey', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'fsr-admin-key-')), 'nested');
  });

  afterEach(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('creates a key readable only by its owner on first start and reuses it afterwards', async () => {
    const first = await loadOrCreateAdminKey(dataDir);
    expect(first).toMatchObject({ generated: true, path: adminKeyPath(dataDir) });
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateAdminKey(dataDir);
    expect(second).toEqual({ key: first.key, path: first.path, generated: false });
  });

  it('gives every data directory its own key', async () => {
    const other = join(dataDir, 'other');
    expect((await loadOrCreateAdminKey(dataDir)).key).not.toBe((await loadOrCreateAdminKey(other)).key);
  });

  it('refuses an empty key file instead of replacing it silently', async () => {
    await loadOrCreateAdminKey(dataDir);
    await writeFile(adminKeyPath(dataDir), '\n');
    await expect(loadOrCreateAdminKey(dataDir)).rejects.toThrow(/is empty/);
  });
});
