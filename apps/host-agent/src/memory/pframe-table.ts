import { crc32Hex } from './crc32-hex';
import { MpnPool, MpnRun } from './mpn-pool';

export const PFRAME_MPN_MASK = 0x3fffffff;
export const PFRAME_DIRTY = 0x40000000;
export const PFRAME_PRESENT = 0x80000000;
export const PFRAME_BYTES = Uint32Array.BYTES_PER_ELEMENT;
/** Writes are tracked per 1 MiB of entries (2^18 PFrames). */
const TRACKED_CHUNK_SHIFT = 18;

/** A VM's PFrames: entry i maps guest page (PPN) i to an MPN plus flags, in shared memory the copy threads can reach. */
export class PFrameTable {
  readonly entries: Uint32Array;
  /** Per tracked chunk: 1 when written since the last `trackWrites` over it (every chunk starts written). */
  private readonly written: Uint8Array;

  constructor(
    readonly pages: number,
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(pages * PFRAME_BYTES),
  ) {
    this.entries = new Uint32Array(buffer, 0, pages);
    this.written = new Uint8Array((pages >>> TRACKED_CHUNK_SHIFT) + 1).fill(1);
  }

  /** Writes every entry once so the kernel commits the pages now rather than on the first write of a copy. */
  touch(): this {
    this.entries.fill(0);
    this.written.fill(1);
    return this;
  }

  /** From now on, any write to [from, to) makes `unwrittenSinceTracked(from, to)` false. */
  trackWrites(from: number, to: number): void {
    if (to > from) this.written.fill(0, from >>> TRACKED_CHUNK_SHIFT, ((to - 1) >>> TRACKED_CHUNK_SHIFT) + 1);
  }

  /** True when nothing in [from, to) was written since `trackWrites` covered it. */
  unwrittenSinceTracked(from: number, to: number): boolean {
    if (to <= from) return true;
    for (let chunk = from >>> TRACKED_CHUNK_SHIFT; chunk <= (to - 1) >>> TRACKED_CHUNK_SHIFT; chunk++) {
      if (this.written[chunk] !== 0) return false;
    }
    return true;
  }

  private wrote(from: number, to: number): void {
    if (to > from) this.written.fill(1, from >>> TRACKED_CHUNK_SHIFT, ((to - 1) >>> TRACKED_CHUNK_SHIFT) + 1);
  }

  /** Maps consecutive PPNs from `firstPpn` onto the MPNs of `runs`, marking them present. */
  mapRuns(runs: readonly MpnRun[], firstPpn: number): this {
    let ppn = firstPpn;
    for (const run of runs) {
      const end = run.start + run.count;
      for (let mpn = run.start; mpn < end; mpn++) this.entries[ppn++] = (mpn | PFRAME_PRESENT) >>> 0;
    }
    this.wrote(firstPpn, ppn);
    return this;
  }

  isPresent(ppn: number): boolean {
    return (this.entries[ppn] & PFRAME_PRESENT) !== 0;
  }

  mpnAt(ppn: number): number {
    return this.entries[ppn] & PFRAME_MPN_MASK;
  }

  /** Points a page at a new MPN (marking it dirty) and returns the MPN it held. */
  remap(ppn: number, mpn: number): number {
    const previous = this.mpnAt(ppn);
    this.entries[ppn] = (mpn | PFRAME_PRESENT | PFRAME_DIRTY) >>> 0;
    this.written[ppn >>> TRACKED_CHUNK_SHIFT] = 1;
    return previous;
  }

  /** CRC-32 (hex) of the entries [from, to). */
  checksum(from = 0, to = this.pages): string {
    return crc32Hex(this.entries.subarray(from, to));
  }

  /** Hands every present MPN of [from, to) back to the pool and clears those entries. */
  releaseTo(pool: MpnPool, from = 0, to = this.pages): void {
    const entries = this.entries;
    this.wrote(from, to);
    for (let ppn = from; ppn < to; ppn++) {
      const entry = entries[ppn];
      if (entry & PFRAME_PRESENT) pool.freeMpn(entry & PFRAME_MPN_MASK);
      entries[ppn] = 0;
    }
  }

  /** Takes every present MPN of the table from the pool (a table kept across a restart); none when one is not free. */
  claimFrom(pool: MpnPool): boolean {
    const claimed: number[] = [];
    for (let ppn = 0; ppn < this.pages; ppn++) {
      if (!this.isPresent(ppn)) continue;
      const mpn = this.mpnAt(ppn);
      if (!pool.claim(mpn)) {
        for (const taken of claimed) pool.freeMpn(taken);
        return false;
      }
      claimed.push(mpn);
    }
    return true;
  }

  /** A table backed by fresh MPNs from the pool for every page (into `blank`, a new table of that size, if given). */
  static allocate(pool: MpnPool, pages: number, blank?: PFrameTable): PFrameTable {
    const runs = pool.allocate(pages);
    return (blank?.pages === pages ? blank : new PFrameTable(pages)).mapRuns(runs, 0);
  }
}
