import { HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { refuse } from '../commands/agent-refusal';

/** A run of consecutive machine page numbers. */
export interface MpnRun {
  readonly start: number;
  readonly count: number;
}

/** MPNs must fit the 30 bits a PFrame entry gives them (4 TiB of 4 KiB pages). */
export const MAX_MPNS = 2 ** 30;
const FULL_WORD = 0xffffffff;

/**
 * The host's machine pages as a bitmap (bit set = free), scanned a 32-bit word at a time: 1 TiB of
 * pages costs 32 MiB and no per-page objects, and whole free words are taken without testing bits.
 */
export class MpnPool {
  private readonly words: Uint32Array;
  private freePages: number;
  private cursor = 0;

  constructor(readonly totalMpns: number) {
    if (!Number.isInteger(totalMpns) || totalMpns < 1 || totalMpns > MAX_MPNS) {
      throw new RangeError(`totalMpns must be an integer in 1..${MAX_MPNS}, got ${totalMpns}`);
    }
    this.words = new Uint32Array(Math.ceil(totalMpns / 32)).fill(FULL_WORD);
    const tailBits = totalMpns % 32;
    if (tailBits !== 0) this.words[this.words.length - 1] = (2 ** tailBits - 1) >>> 0;
    this.freePages = totalMpns;
  }

  get freeCount(): number {
    return this.freePages;
  }

  isFree(mpn: number): boolean {
    return (this.words[mpn >>> 5] & (1 << (mpn & 31))) !== 0;
  }

  /** Takes `count` free MPNs (as few runs as the bitmap allows) or throws AGENT_OUT_OF_MPNS and takes none. */
  allocate(count: number): MpnRun[] {
    if (count > this.freePages) {
      throw refuse(HOST_AGENT_ERROR_CODES.outOfMemory, `${count} pages asked, ${this.freePages} of ${this.totalMpns} free`);
    }
    const runs: { start: number; count: number }[] = [];
    const take = (start: number, n: number): void => {
      const last = runs[runs.length - 1];
      if (last && last.start + last.count === start) last.count += n;
      else runs.push({ start, count: n });
    };
    let remaining = count;
    const wordCount = this.words.length;
    for (let scanned = 0; remaining > 0 && scanned <= wordCount; scanned++) {
      const index = this.cursor;
      let word = this.words[index];
      if (word === FULL_WORD && remaining >= 32) {
        this.words[index] = 0;
        take(index * 32, 32);
        remaining -= 32;
      } else {
        while (word !== 0 && remaining > 0) {
          const lowest = word & -word;
          take(index * 32 + 31 - Math.clz32(lowest), 1);
          word = (word ^ lowest) >>> 0;
          remaining--;
        }
        this.words[index] = word;
      }
      if (this.words[index] === 0 || remaining === 0) this.cursor = index + 1 === wordCount ? 0 : index + 1;
    }
    this.freePages -= count;
    return runs;
  }

  /** Takes one given MPN (a PFrame table taken back after a restart); false when it is out of range or not free. */
  claim(mpn: number): boolean {
    if (!Number.isInteger(mpn) || mpn < 0 || mpn >= this.totalMpns || !this.isFree(mpn)) return false;
    this.words[mpn >>> 5] = (this.words[mpn >>> 5] & ~(1 << (mpn & 31))) >>> 0;
    this.freePages--;
    return true;
  }

  /** Returns MPNs to the pool; freeing a page that is already free is an ownership bug and throws. */
  free(runs: readonly MpnRun[]): void {
    for (const run of runs) {
      let mpn = run.start;
      const end = run.start + run.count;
      while (mpn < end) {
        if ((mpn & 31) === 0 && end - mpn >= 32) {
          if (this.words[mpn >>> 5] !== 0) throw new Error(`double free in MPN word ${mpn >>> 5}`);
          this.words[mpn >>> 5] = FULL_WORD;
          mpn += 32;
        } else {
          this.freeOne(mpn);
          mpn++;
        }
      }
      this.freePages += run.count;
    }
  }

  freeMpn(mpn: number): void {
    this.freeOne(mpn);
    this.freePages++;
  }

  private freeOne(mpn: number): void {
    if (mpn < 0 || mpn >= this.totalMpns) throw new RangeError(`MPN ${mpn} is outside the pool`);
    const bit = 1 << (mpn & 31);
    if (this.words[mpn >>> 5] & bit) throw new Error(`double free of MPN ${mpn}`);
    this.words[mpn >>> 5] = (this.words[mpn >>> 5] | bit) >>> 0;
  }
}
