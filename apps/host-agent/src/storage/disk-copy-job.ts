import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CopyDisksCommand, DiskCopyResult } from '@fsr/contracts';
import { MIB } from '@fsr/domain';
import { preciseNow } from '../clock';
import { COPY_CHUNK_BYTES, DiskMirror, StripeCopier } from './disk-mirror';
import { sameDiskCopy } from './ended-disk-copies';

export const PROGRESS_INTERVAL_MS = 500;

/** What one thread copies at a time: large enough for few system calls, small enough to interleave well. */
export const STRIPE_BYTES = 4 * MIB;

/**
 * Stripes per thread in one batch. The threads take the batch's stripes from a shared counter, so each batch
 * ends with at most one stripe's wait and one message per thread: large batches make both rare. Only the
 * guest's writes into the batch in flight wait for it (128 MiB: tens of milliseconds from the page cache).
 */
const STRIPES_PER_THREAD = 16;

/** Under a rate limit a batch is at most this share of a second's bytes, so the limit holds smoothly. */
const LIMITED_BATCH_SECONDS = 0.1;

export interface CopyProgress {
  readonly copiedBytes: number;
  readonly totalBytes: number;
  readonly bytesPerSecond: number;
}

export class DiskCopyAbortedError extends Error {}

/**
 * The live copy of one relocation: every disk mirrored and copied batch by batch on the copy threads (at
 * most `maxCopyMiBps`), each stripe hashed from the bytes it wrote. The mirrors stay until the switch-over ends them.
 */
export class DiskCopyJob {
  private aborted: string | null = null;
  private startedAt = 0;

  private constructor(
    readonly command: Omit<CopyDisksCommand, 'type'>,
    readonly mirrors: readonly DiskMirror[],
    private readonly copier: StripeCopier,
  ) {}

  static async open(command: Omit<CopyDisksCommand, 'type'>, copier: StripeCopier): Promise<DiskCopyJob> {
    const mirrors: DiskMirror[] = [];
    try {
      for (const disk of command.disks) {
        await mkdir(dirname(disk.targetPath), { recursive: true });
        mirrors.push(await DiskMirror.open(disk));
      }
    } catch (error) {
      await Promise.all(mirrors.map((mirror) => mirror.close()));
      throw error;
    }
    return new DiskCopyJob(command, mirrors, copier);
  }

  get operationId(): string {
    return this.command.operationId;
  }

  get totalBytes(): number {
    return this.mirrors.reduce((sum, mirror) => sum + mirror.bytes, 0);
  }

  get copiedBytes(): number {
    return this.mirrors.reduce((sum, mirror) => sum + mirror.copiedBytes, 0);
  }

  /** Whether `command` asks for this very copy (same VM and disks), so it can be answered by it. */
  copies(command: Omit<CopyDisksCommand, 'type'>): boolean {
    return sameDiskCopy(command, this.command);
  }

  mirrorOf(path: string): DiskMirror | undefined {
    return this.mirrors.find((mirror) => mirror.disk.sourcePath === path);
  }

  async run(onProgress: (progress: CopyProgress) => void): Promise<DiskCopyResult> {
    this.startedAt = preciseNow();
    const limit = this.command.maxCopyMiBps ? this.command.maxCopyMiBps * MIB : null;
    const batchBytes = this.batchBytes(limit);
    let reportedAt = this.startedAt;
    for (const mirror of this.mirrors) {
      while (!mirror.converged) {
        this.throwIfAborted();
        await mirror.copyNext(this.copier, batchBytes, STRIPE_BYTES);
        if (limit) await this.keepUnder(limit);
        if (preciseNow() - reportedAt >= PROGRESS_INTERVAL_MS) {
          reportedAt = preciseNow();
          onProgress(this.progress());
        }
      }
    }
    this.throwIfAborted();
    onProgress(this.progress());
    const durationMs = preciseNow() - this.startedAt;
    return {
      bytes: this.totalBytes,
      durationMs,
      bytesPerSecond: Math.round(this.totalBytes / Math.max(durationMs / 1000, 1e-6)),
      mirroredWrites: this.mirrors.reduce((sum, mirror) => sum + mirror.mirroredWrites, 0),
      disks: this.mirrors.map((mirror) => mirror.contentHash()),
    };
  }

  /** Stops the copy at its next chunk. */
  abort(reason: string): void {
    this.aborted ??= reason;
  }

  /** Ends the mirroring; the target files stay (the VM runs on them now, or a cold copy is done). */
  close(): Promise<void> {
    return Promise.all(this.mirrors.map((mirror) => mirror.close())).then(() => undefined);
  }

  /**
   * Ends the mirroring and removes the target files, but none that something else uses once the mirrors are
   * closed (`inUse` is asked then: a copy of the same paths may have opened meanwhile).
   */
  async discard(reason: string, inUse: () => ReadonlySet<string>): Promise<void> {
    this.abort(reason);
    await this.close();
    const keep = inUse();
    const own = this.mirrors.map((mirror) => mirror.disk.targetPath).filter((path) => !keep.has(path));
    await Promise.all(own.map((path) => rm(path, { force: true })));
  }

  private batchBytes(limit: number | null): number {
    const unlimited = this.copier.threads * STRIPES_PER_THREAD * STRIPE_BYTES;
    if (limit === null) return unlimited;
    const chunks = Math.max(1, Math.floor((limit * LIMITED_BATCH_SECONDS) / COPY_CHUNK_BYTES));
    return Math.min(unlimited, chunks * COPY_CHUNK_BYTES);
  }

  progress(): CopyProgress {
    const seconds = Math.max((preciseNow() - this.startedAt) / 1000, 1e-6);
    return { copiedBytes: this.copiedBytes, totalBytes: this.totalBytes, bytesPerSecond: Math.round(this.copiedBytes / seconds) };
  }

  private async keepUnder(bytesPerSecond: number): Promise<void> {
    const dueAt = this.startedAt + (this.copiedBytes / bytesPerSecond) * 1000;
    const ahead = dueAt - preciseNow();
    if (ahead > 1) await sleep(ahead);
  }

  private throwIfAborted(): void {
    if (this.aborted !== null) throw new DiskCopyAbortedError(this.aborted);
  }
}
