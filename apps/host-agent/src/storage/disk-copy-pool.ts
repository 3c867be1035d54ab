import { Piscina } from 'piscina';
import { COPY_THREAD_ENTRY } from '../copy/copy-pool';
import { DiskRange, DiskRangeCopied } from './disk-mirror';
import { CopiedStripe, DISK_HASH_CHUNK_BYTES, DiskStripes } from './disk-stripe-copy';

/**
 * The host's disk copy threads, apart from the PFrame copy threads: a switch-over's segments never queue
 * behind a relocation's stripes.
 */
export class DiskCopyPool {
  private constructor(
    private readonly piscina: Piscina,
    readonly threads: number,
  ) {}

  static start(threads: number): DiskCopyPool {
    const piscina = new Piscina({ filename: COPY_THREAD_ENTRY, name: 'copyDiskStripes', minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
    return new DiskCopyPool(piscina, threads);
  }

  /**
   * Every thread copies the range's stripes at once, one message each. Every thread settles before this does,
   * even when one fails: none may write after the caller let go of the range.
   */
  async copy(range: DiskRange): Promise<DiskRangeCopied> {
    const stripes: DiskStripes = { ...range, nextStripe: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT) };
    const busy = Math.min(this.threads, Math.ceil(range.length / range.stripeBytes));
    const settled = await Promise.allSettled(Array.from({ length: busy }, () => this.piscina.run(stripes) as Promise<CopiedStripe[]>));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const digests = new Uint8Array(Math.ceil(range.length / DISK_HASH_CHUNK_BYTES) * 32);
    for (const outcome of settled as PromiseFulfilledResult<CopiedStripe[]>[]) {
      for (const stripe of outcome.value) digests.set(stripe.digests, ((stripe.offset - range.offset) / DISK_HASH_CHUNK_BYTES) * 32);
    }
    return { digests };
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
