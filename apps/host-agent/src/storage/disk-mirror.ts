import { blake3 } from '@napi-rs/blake-hash';
import { FileHandle, open } from 'node:fs/promises';
import { DiskCopy } from '@fsr/contracts';
import { DiskContentHash, MIB } from '@fsr/domain';
import { DISK_HASH_CHUNK_BYTES } from './disk-stripe-copy';
import { Serial } from './serial';

export const COPY_CHUNK_BYTES = DISK_HASH_CHUNK_BYTES;

/** Whole hash chunks of one disk, bytes [offset, offset+length), to copy in stripes of `stripeBytes`. */
export interface DiskRange {
  readonly sourcePath: string;
  readonly targetPath: string;
  readonly offset: number;
  readonly length: number;
  readonly stripeBytes: number;
}

/** What a range's copy wrote: the BLAKE3 of each of its chunks, 32 bytes each, in order. */
export interface DiskRangeCopied {
  readonly digests: Uint8Array;
}

/** Copies ranges of a disk on threads of its own, stripes on all of them at once. */
export interface StripeCopier {
  readonly threads: number;
  copy(range: DiskRange): Promise<DiskRangeCopied>;
}

/**
 * One disk being copied while the guest writes to it. Chunks below the cursor exist on both sides:
 * a guest write there lands on both; above it only on the source, and the copier picks it up later.
 * Each copied chunk keeps the BLAKE3 of what the target holds, so the content hash costs no I/O.
 * The copier moves the cursor one range at a time, its stripes on all threads at once. A guest write into
 * the range in flight waits for it (the copy may have read the source before the write); every other
 * write goes on meanwhile, and a range is taken only between two writes, so the rule above holds at every moment.
 */
export class DiskMirror {
  private cursor = 0;
  private readonly digests: Buffer[] = [];
  /** The guest's writes, in order, and the copier's taking of its next range between two of them. */
  private readonly writes = new Serial();
  /** The copier's ranges, one after the other. */
  private readonly copies = new Serial();
  private inFlight: { readonly start: number; readonly end: number; readonly released: Promise<void> } | null = null;
  mirroredWrites = 0;

  private constructor(
    readonly disk: DiskCopy,
    private readonly source: FileHandle,
    private readonly target: FileHandle,
  ) {}

  static async open(disk: DiskCopy): Promise<DiskMirror> {
    const source = await open(disk.sourcePath, 'r+');
    const target = await open(disk.targetPath, 'w+').catch(async (error: Error) => {
      await source.close();
      throw error;
    });
    await target.truncate(disk.sizeMiB * MIB);
    return new DiskMirror(disk, source, target);
  }

  get bytes(): number {
    return this.disk.sizeMiB * MIB;
  }

  get copiedBytes(): number {
    return this.cursor;
  }

  get converged(): boolean {
    return this.cursor >= this.bytes;
  }

  /** The guest's write: on the source, and on the target too where the copy has already been. */
  write(buffer: Buffer, offset: number): Promise<void> {
    return this.writes.run(async () => {
      const end = offset + buffer.length;
      while (this.inFlight && offset < this.inFlight.end && end > this.inFlight.start) await this.inFlight.released;
      await this.source.write(buffer, 0, buffer.length, offset);
      if (offset >= this.cursor) return;
      await this.target.write(buffer, 0, buffer.length, offset);
      this.mirroredWrites++;
      for (let chunk = Math.floor(offset / COPY_CHUNK_BYTES); chunk * COPY_CHUNK_BYTES < Math.min(end, this.cursor); chunk++) {
        this.digests[chunk] = await this.hashTargetChunk(chunk);
      }
    });
  }

  /**
   * Copies up to `bytes` from the cursor, in stripes of `stripeBytes` (whole chunks each) on all the copier's
   * threads, and moves the cursor past them; never backwards. The copy comes back with its chunks' digests.
   */
  copyNext(copier: StripeCopier, bytes: number, stripeBytes: number): Promise<number> {
    return this.copies.run(async () => {
      const start = this.cursor;
      const length = Math.min(bytes, this.bytes - start);
      if (length <= 0) return 0;
      const perStripe = Math.max(COPY_CHUNK_BYTES, Math.floor(stripeBytes / COPY_CHUNK_BYTES) * COPY_CHUNK_BYTES);
      const range = { sourcePath: this.disk.sourcePath, targetPath: this.disk.targetPath, offset: start, length, stripeBytes: perStripe };
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      // Wrapped: the writes' queue goes on once the range is taken, not once it is copied.
      const { copying } = await this.writes.run(() => {
        this.inFlight = { start, end: start + length, released };
        return Promise.resolve({ copying: copier.copy(range) });
      });
      try {
        const { digests } = await copying;
        const first = start / COPY_CHUNK_BYTES;
        for (let at = 0; at < digests.length; at += 32) this.digests[first + at / 32] = Buffer.from(digests.subarray(at, at + 32));
        this.cursor += length;
      } finally {
        // In the same turn as the cursor's move: a write let through sees the range copied and lands on both sides.
        this.inFlight = null;
        release();
      }
      return length;
    });
  }

  contentHash(): DiskContentHash {
    return { diskId: this.disk.diskId, blake3: blake3(Buffer.concat(this.digests)).toString('hex') };
  }

  /** Waits for the range and the write in flight, then closes both files. */
  close(): Promise<void> {
    return this.copies.run(() =>
      this.writes.run(async () => {
        await Promise.all([this.source.close(), this.target.close()]);
      }),
    );
  }

  private async hashTargetChunk(chunk: number): Promise<Buffer> {
    const start = chunk * COPY_CHUNK_BYTES;
    const length = Math.min(COPY_CHUNK_BYTES, this.bytes - start);
    const buffer = Buffer.allocUnsafe(length);
    await this.target.read(buffer, 0, length, start);
    return blake3(buffer);
  }
}
