import { blake3 } from '@napi-rs/blake-hash';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
// Only node built-ins and the hash here: this file is loaded in every copy thread.

/** The unit of the content hash: one BLAKE3 per MiB of disk, as the API documents. */
export const DISK_HASH_CHUNK_BYTES = 1 << 20;

/**
 * A range of whole hash chunks of one disk, bytes [offset, offset+length), copied in stripes by every disk copy
 * thread at once: each thread takes the next stripe from the shared counter until none is left, so none waits on
 * another, nor on the main thread, between stripes.
 */
export interface DiskStripes {
  readonly sourcePath: string;
  readonly targetPath: string;
  readonly offset: number;
  readonly length: number;
  readonly stripeBytes: number;
  /** One Int32, the index of the next stripe to take; a thread that fails moves it past the end, so the others stop. */
  readonly nextStripe: SharedArrayBuffer;
}

/** A stripe one thread copied: where it starts, and the BLAKE3 of each of its chunks, 32 bytes each, in order. */
export interface CopiedStripe {
  readonly offset: number;
  readonly digests: Uint8Array;
}

export class DiskStripeShortError extends Error {}

const PAST_EVERY_STRIPE = 1 << 30;

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

/** One large read, one large write, and each chunk hashed from the very bytes written: the digests are of what the target holds, without reading it again. */
function copyStripe(source: number, target: number, offset: number, length: number, sourcePath: string): CopiedStripe {
  const bytes = bufferOf(length);
  readFully(source, bytes, offset, sourcePath);
  writeFully(target, bytes, offset);
  const digests = new Uint8Array(Math.ceil(length / DISK_HASH_CHUNK_BYTES) * 32);
  for (let at = 0; at < length; at += DISK_HASH_CHUNK_BYTES) {
    digests.set(blake3(bytes.subarray(at, at + DISK_HASH_CHUNK_BYTES)), (at / DISK_HASH_CHUNK_BYTES) * 32);
  }
  return { offset, digests };
}

/** This thread's part of a range: stripe after stripe from the shared counter, until the range is copied or a thread failed. */
export function copyDiskStripes(stripes: DiskStripes): CopiedStripe[] {
  const next = new Int32Array(stripes.nextStripe);
  const copied: CopiedStripe[] = [];
  try {
    const source = openSync(stripes.sourcePath, 'r');
    try {
      const target = openSync(stripes.targetPath, 'r+');
      try {
        for (let at = Atomics.add(next, 0, 1) * stripes.stripeBytes; at < stripes.length; at = Atomics.add(next, 0, 1) * stripes.stripeBytes) {
          const length = Math.min(stripes.stripeBytes, stripes.length - at);
          copied.push(copyStripe(source, target, stripes.offset + at, length, stripes.sourcePath));
        }
      } finally {
        closeSync(target);
      }
    } finally {
      closeSync(source);
    }
  } catch (error) {
    Atomics.store(next, 0, PAST_EVERY_STRIPE);
    throw error;
  }
  return copied;
}
