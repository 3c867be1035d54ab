import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;

/** The test's own reading of a disk file: SHA-256 over the SHA-256 of each 1 MiB chunk, in order. */
export async function diskContentHash(path: string): Promise<string> {
  const all = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    all.update(createHash('sha256').update(chunk as Buffer).digest());
  }
  return all.digest('hex');
}
