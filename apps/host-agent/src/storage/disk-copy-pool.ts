import { Piscina } from 'piscina';
import { COPY_THREAD_ENTRY } from '../copy/copy-pool';
import { DiskStripe, DiskStripeCopied } from './disk-stripe-copy';

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
    const piscina = new Piscina({ filename: COPY_THREAD_ENTRY, name: 'copyDiskStripe', minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
    return new DiskCopyPool(piscina, threads);
  }

  copy(stripe: DiskStripe): Promise<DiskStripeCopied> {
    return this.piscina.run(stripe) as Promise<DiskStripeCopied>;
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
