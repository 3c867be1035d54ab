import { blake3 } from '@napi-rs/blake-hash';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
// Only node built-ins and the hash here: this file is loaded in every copy thread.

/** The unit of the content hash: one BLAKE3 per MiB of disk, as the API documents. */
export const DISK_HASH_CHUNK_BYTES = 1 << 20;

/** A run of whole hash chunks of one disk, copied by one thread: bytes [offset, offset+length). */
export interface DiskStripe {
  readonly sourcePath: string;
  readonly targetPath: string;
  readonly offset: number;
  readonly length: number;
}

/** What a stripe's copy wrote: the BLAKE3 of each of its chunks, 32 bytes each, in order. */
export interface DiskStripeCopied {
  readonly digests: Uint8Array;
}

export class DiskStripeShortError extends Error {}

/** One buffer per thread, grown to the largest stripe it was given. */
let buffer = Buffer.alloc(0);
const bufferOf = (length: number): Buffer => {
  if (buffer.length < length) buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, length);
};

function readFully(fd: number, into: Buffer, position: number, path: string): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new DiskStripeShortError(`${path} ends at byte ${position + done}, inside the stripe copied`);
    done += read;
  }
}

function writeFully(fd: number, from: Buffer, position: number): void {
  for (let done = 0; done < from.length; ) done += writeSync(fd, from, done, from.length - done, position + done);
}

/**
 * Copies one stripe in the calling thread: one large read, one large write, and each chunk hashed from the
 * very bytes written, so the digests are of what the target holds without reading it again.
 */
export function copyDiskStripe(stripe: DiskStripe): DiskStripeCopied {
  const source = openSync(stripe.sourcePath, 'r');
  try {
    const target = openSync(stripe.targetPath, 'r+');
    try {
      const bytes = bufferOf(stripe.length);
      readFully(source, bytes, stripe.offset, stripe.sourcePath);
      writeFully(target, bytes, stripe.offset);
      const chunks = Math.ceil(stripe.length / DISK_HASH_CHUNK_BYTES);
      const digests = new Uint8Array(chunks * 32);
      for (let chunk = 0; chunk < chunks; chunk++) {
        digests.set(blake3(bytes.subarray(chunk * DISK_HASH_CHUNK_BYTES, (chunk + 1) * DISK_HASH_CHUNK_BYTES)), chunk * 32);
      }
      return { digests };
    } finally {
      closeSync(target);
    }
  } finally {
    closeSync(source);
  }
}
