import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AdminKey {
  readonly key: string;
  readonly path: string;
  /** True when this start created the key (so it is shown once). */
  readonly generated: boolean;
}

export const adminKeyPath = (dataDir: string): string => join(dataDir, 'admin-api-key');

/** Reads the admin key kept under the data directory, creating it (mode 0600) on first start. */
export async function loadOrCreateAdminKey(dataDir: string): Promise<AdminKey> {
  const path = adminKeyPath(dataDir);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    if (!existing.trim()) throw new Error(`${path} is empty: delete it to generate a new admin key`);
    return { key: existing.trim(), path, generated: false };
  }

  await mkdir(dataDir, { recursive: true });
  const key = `fsr_${randomBytes(24).toString('base64url')}`;
  try {
    await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it in between: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateAdminKey(dataDir);
    throw error;
  }
  await chmod(path, 0o600);
  return { key, path, generated: true };
}
