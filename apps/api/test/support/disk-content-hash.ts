import { blake3 } from '@napi-rs/blake-hash';
import { createReadStream } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;

/** The test's own reading of a disk file: BLAKE3 over the BLAKE3 of each 1 MiB chunk, in order. */
export async function diskContentHash(path: string): Promise<string> {
  const digests: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) digests.push(blake3(chunk as Buffer));
  return blake3(Buffer.concat(digests)).toString('hex');
}
