import { FileHandle, open } from 'node:fs/promises';
import { DiskFile } from '@fsr/contracts';
import { DiskMirror } from '../storage/disk-mirror';

export type MirrorLookup = (sourcePath: string) => DiskMirror | undefined;

export const CHUNK_BYTES = 1024 * 1024;

/** Guest disk writes: 1 MiB chunk k goes to disk k mod n at a deterministic offset that cycles through it. */
export class DiskWriter {
  private readonly handles = new Map<string, Promise<FileHandle>>();
  private readonly chunk = Buffer.alloc(CHUNK_BYTES);

  constructor(
    readonly disks: readonly DiskFile[],
    private readonly mirrorOf: MirrorLookup = () => undefined,
  ) {}

  get hasDisks(): boolean {
    return this.disks.length > 0;
  }

  async writeChunk(sequence: number): Promise<void> {
    const disk = this.disks[sequence % this.disks.length];
    const chunksPerDisk = Math.max(1, Math.floor(disk.sizeMiB));
    const offset = (Math.floor(sequence / this.disks.length) % chunksPerDisk) * CHUNK_BYTES;
    this.chunk.fill(sequence & 0xff);
    this.chunk.writeUInt32LE(sequence >>> 0, 0);
    const mirror = this.mirrorOf(disk.path);
    if (mirror) return mirror.write(this.chunk, offset);
    const file = await this.handle(disk.path);
    await file.write(this.chunk, 0, CHUNK_BYTES, offset);
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map(async (handle) => (await handle.catch(() => null))?.close()));
  }

  private handle(path: string): Promise<FileHandle> {
    let handle = this.handles.get(path);
    if (!handle) {
      handle = open(path, 'r+');
      this.handles.set(path, handle);
    }
    return handle;
  }
}
