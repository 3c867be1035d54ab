import { blake3 } from '@napi-rs/blake-hash';
import { FileHandle, open } from 'node:fs/promises';
import { DiskCopy } from '@fsr/contracts';
import { DiskContentHash, MIB } from '@fsr/domain';
import { DISK_HASH_CHUNK_BYTES, DiskStripe, DiskStripeCopied } from './disk-stripe-copy';
import { Serial } from './serial';

export const COPY_CHUNK_BYTES = DISK_HASH_CHUNK_BYTES;

/** Copies stripes of a disk on threads of its own, as many at once as it has threads. */
export interface StripeCopier {
  readonly threads: number;
  copy(stripe: DiskStripe): Promise<DiskStripeCopied>;
}

/**
 * One disk being copied while the guest writes to it. Chunks below the cursor exist on both sides:
 * a guest write there lands on both; above it only on the source, and the copier picks it up later.
 * Each copied chunk keeps the BLAKE3 of what the target holds, so the content hash costs no I/O.
 * The copier moves the cursor one batch at a time, its stripes on all threads at once; the guest's
 * writes wait for the batch in flight, so the rule above holds at every moment.
 */
export class DiskMirror {
  private cursor = 0;
  private readonly digests: Buffer[] = [];
  private readonly serial = new Serial();
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
    return this.serial.run(async () => {
      await this.source.write(buffer, 0, buffer.length, offset);
      const end = offset + buffer.length;
      if (offset >= this.cursor) return;
      await this.target.write(buffer, 0, buffer.length, offset);
      this.mirroredWrites++;
      for (let chunk = Math.floor(offset / COPY_CHUNK_BYTES); chunk * COPY_CHUNK_BYTES < Math.min(end, this.cursor); chunk++) {
        this.digests[chunk] = await this.hashTargetChunk(chunk);
      }
    });
  }

  /**
   * Copies up to `bytes` from the cursor, in stripes of `stripeBytes` (whole chunks each) on the copier's
   * threads, and moves the cursor past them; never backwards. Each stripe comes back with its chunks' digests.
   */
  copyNext(copier: StripeCopier, bytes: number, stripeBytes: number): Promise<number> {
    return this.serial.run(async () => {
      const length = Math.min(bytes, this.bytes - this.cursor);
      if (length <= 0) return 0;
      const perStripe = Math.max(COPY_CHUNK_BYTES, Math.floor(stripeBytes / COPY_CHUNK_BYTES) * COPY_CHUNK_BYTES);
      const stripes: DiskStripe[] = [];
      for (let offset = this.cursor; offset < this.cursor + length; offset += perStripe) {
        stripes.push({ sourcePath: this.disk.sourcePath, targetPath: this.disk.targetPath, offset, length: Math.min(perStripe, this.cursor + length - offset) });
      }
      // Every stripe settles before the lock is let go, even when one fails: none may write after a discard.
      const settled = await Promise.allSettled(stripes.map((stripe) => copier.copy(stripe)));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const copied = settled.map((outcome) => (outcome as PromiseFulfilledResult<DiskStripeCopied>).value);
      copied.forEach(({ digests }, i) => {
        const first = stripes[i].offset / COPY_CHUNK_BYTES;
        for (let at = 0; at < digests.length; at += 32) this.digests[first + at / 32] = Buffer.from(digests.subarray(at, at + 32));
      });
      this.cursor += length;
      return length;
    });
  }

  contentHash(): DiskContentHash {
    return { diskId: this.disk.diskId, blake3: blake3(Buffer.concat(this.digests)).toString('hex') };
  }

  /** Waits for the write in flight, then closes both files. */
  close(): Promise<void> {
    return this.serial.run(async () => {
      await Promise.all([this.source.close(), this.target.close()]);
    });
  }

  private async hashTargetChunk(chunk: number): Promise<Buffer> {
    const start = chunk * COPY_CHUNK_BYTES;
    const length = Math.min(COPY_CHUNK_BYTES, this.bytes - start);
    const buffer = Buffer.allocUnsafe(length);
    await this.target.read(buffer, 0, length, start);
    return blake3(buffer);
  }
}
