import { DiskFile } from '@fsr/contracts';
import { GuestWorkload as GuestWorkloadSettings } from '@fsr/domain';
import { MpnPool } from '../memory/mpn-pool';
import { PFrameTable } from '../memory/pframe-table';
import { seedFrom, seededRandom } from './deterministic-random';
import { DiskWriter, MirrorLookup } from './disk-writer';

const TICK_MS = 20;

export interface KeptWorkload {
  readonly settings: GuestWorkloadSettings | null;
  readonly disks: readonly DiskFile[];
  /** The next chunk the guest writes, so its writes go on where they stopped. */
  readonly chunkSequence: number;
}
const MAX_BACKLOG_CHUNKS = 64;

/**
 * What the guest does while it runs: disk writes and PFrame remaps at the configured rates, driven by
 * elapsed time. Suspend stops it and waits for the write in flight, so a suspended VM is quiescent.
 */
export class GuestWorkload {
  private settings: GuestWorkloadSettings | null = null;
  private writer = new DiskWriter([]);
  private timer: NodeJS.Timeout | null = null;
  private lastTickAt = 0;
  private remapCredit = 0;
  private chunkCredit = 0;
  private chunkSequence = 0;
  private writing: Promise<void> | null = null;
  private suspended = false;
  private readonly random: () => number;
  readonly stats = { remaps: 0, chunksWritten: 0, lastError: null as string | null };

  constructor(
    vmId: string,
    private readonly pool: MpnPool,
    private readonly currentTable: () => PFrameTable,
    private readonly mirrorOf: MirrorLookup = () => undefined,
  ) {
    this.random = seededRandom(seedFrom(vmId));
  }

  async configure(settings: GuestWorkloadSettings | null, disks: readonly DiskFile[]): Promise<void> {
    this.stopTimer();
    await this.writing;
    await this.writer.close();
    this.settings = settings && (settings.diskWriteMiBps > 0 || settings.pageRemapsPerSec > 0) ? settings : null;
    this.writer = new DiskWriter(disks, this.mirrorOf);
    this.startTimer();
  }

  /** What a planned restart keeps of the guest's activity, to go on with it (`resumeFrom`) when the agent is back. */
  get kept(): KeptWorkload {
    return { settings: this.settings, disks: this.writer.disks, chunkSequence: this.chunkSequence };
  }

  async resumeFrom(kept: KeptWorkload): Promise<void> {
    this.chunkSequence = kept.chunkSequence;
    await this.configure(kept.settings, kept.disks);
  }

  async suspend(): Promise<void> {
    this.suspended = true;
    this.stopTimer();
    await this.writing;
  }

  /** While suspended: from now on the guest writes to these disks (a relocation's copies). */
  retarget(disks: readonly DiskFile[]): void {
    const previous = this.writer;
    this.writer = new DiskWriter(disks, this.mirrorOf);
    void previous.close();
  }

  resume(): void {
    this.suspended = false;
    this.startTimer();
  }

  async stop(): Promise<void> {
    this.settings = null;
    await this.suspend();
    await this.writer.close();
  }

  private startTimer(): void {
    if (!this.settings || this.suspended || this.timer) return;
    this.lastTickAt = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const settings = this.settings;
    if (!settings) return;
    const now = performance.now();
    const seconds = (now - this.lastTickAt) / 1000;
    this.lastTickAt = now;
    this.remapCredit += settings.pageRemapsPerSec * seconds;
    const remaps = Math.floor(this.remapCredit);
    this.remapCredit -= remaps;
    this.remapPages(remaps);
    if (this.writer.hasDisks && settings.diskWriteMiBps > 0) {
      this.chunkCredit = Math.min(this.chunkCredit + settings.diskWriteMiBps * seconds, MAX_BACKLOG_CHUNKS);
      if (!this.writing && this.chunkCredit >= 1) this.writing = this.writeDueChunks();
    }
  }

  /** Moves random pages to fresh MPNs and frees their old ones, as guest memory churn does. */
  private remapPages(count: number): void {
    const table = this.currentTable();
    for (let i = 0; i < count && this.pool.freeCount > 0; i++) {
      const ppn = Math.floor(this.random() * table.pages);
      const [fresh] = this.pool.allocate(1);
      this.pool.freeMpn(table.remap(ppn, fresh.start));
      this.stats.remaps++;
    }
  }

  private async writeDueChunks(): Promise<void> {
    try {
      while (this.chunkCredit >= 1 && !this.suspended && this.settings) {
        this.chunkCredit -= 1;
        await this.writer.writeChunk(this.chunkSequence++);
        this.stats.chunksWritten++;
      }
    } catch (error) {
      this.stats.lastError = (error as Error).message;
    } finally {
      this.writing = null;
    }
  }
}
