import path from 'node:path';
import { Piscina } from 'piscina';
import { CopyGate } from './copy-gate';
import { GatedSegmentCopyTask, SegmentCopyOutcome, SegmentCopyTask, SourceChecksumTask } from './segment-copy.task';

export const COPY_THREAD_ENTRY = path.join(__dirname, 'copy-thread.js');
/**
 * Tasks handed to a thread at once. A thread runs them back to back from its own message queue, so with
 * more segments than threads (48 vCPUs on 2 cores) no copy waits for the main thread to hand out the next.
 */
const TASKS_QUEUED_PER_THREAD = 64;
/** 32 MiB: about 10 ms of first writes here. */
const TOUCH_SLICE_BYTES = 32 * 1024 * 1024;

/** A split's outcome per task, in order, and how many threads took a share. */
export interface SplitCopy {
  readonly outcomes: Promise<SegmentCopyOutcome>[];
  readonly threads: number;
}

/** The host's copy threads: a fixed piscina pool, started and warmed before the agent takes commands. */
export class CopyPool {
  /** Tasks handed to the threads and not yet settled. */
  private inFlight = 0;
  /** Gates threads may be waiting at: any other task handed out calls them off, so it never queues behind one. */
  private readonly gates = new Set<CopyGate>();

  private constructor(
    private readonly piscina: Piscina,
    readonly threads: number,
  ) {}

  static async start(threads: number, entry = COPY_THREAD_ENTRY): Promise<CopyPool> {
    const piscina = new Piscina({
      filename: entry,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: TASKS_QUEUED_PER_THREAD,
    });
    const pool = new CopyPool(piscina, threads);
    await pool.warm();
    return pool;
  }

  run(task: SegmentCopyTask): Promise<SegmentCopyOutcome> {
    return this.submit(task) as Promise<SegmentCopyOutcome>;
  }

  /**
   * Segments split over the threads, each thread's share (a contiguous run) in one message: with more segments than threads
   * the cost of a message each way is paid per thread, not per segment. One outcome per task, in order.
   */
  runSplit(tasks: readonly SegmentCopyTask[]): Promise<SegmentCopyOutcome>[] {
    return this.split(tasks, (share) => ({ kind: 'batch', tasks: share })).outcomes;
  }

  /**
   * The same split, handed to the threads now to wait at `gate`: they copy once it opens, and give up
   * after `waitMs` if it never does. Only onto idle threads (else null: the stun splits as `runSplit` does),
   * and any task handed out later while they wait calls the gate off: nothing ever queues behind a waiting
   * thread, and that stun then hands its segments out as `runSplit` does.
   */
  readySplit(tasks: readonly GatedSegmentCopyTask[], gate: CopyGate, waitMs: number): SplitCopy | null {
    if (this.inFlight > 0) return null;
    const readied = this.split(tasks, (share) => ({ kind: 'gated-batch', gate: gate.buffer, waitMs, tasks: share }));
    this.gates.add(gate);
    const forget = () => this.gates.delete(gate);
    Promise.allSettled(readied.outcomes).then(forget, forget);
    return readied;
  }

  /** Each thread a contiguous run of the segments, as the memory lies: neighbouring chunks are not copied by two threads at once. */
  private split<T>(tasks: readonly T[], batchOf: (share: T[]) => object): SplitCopy {
    const perThread = Math.ceil(tasks.length / Math.min(this.threads, tasks.length));
    const shares: T[][] = [];
    for (let first = 0; first < tasks.length; first += perThread) shares.push(tasks.slice(first, first + perThread));
    const copied = shares.map((share) => this.submit(batchOf(share)) as Promise<SegmentCopyOutcome[]>);
    return { outcomes: tasks.map((_, i) => copied[Math.floor(i / perThread)].then((outcomes) => outcomes[i % perThread])), threads: shares.length };
  }

  private submit(task: object): Promise<unknown> {
    for (const gate of this.gates) gate.callOff();
    this.inFlight++;
    const settled = () => {
      this.inFlight--;
    };
    const running = this.piscina.run(task);
    running.then(settled, settled);
    return running;
  }

  /**
   * Writes a new table once, in slices spread over the threads, so its pages are committed before it is
   * needed; slices small enough that another VM's segments queued behind one wait only milliseconds.
   */
  async touch(buffer: SharedArrayBuffer): Promise<void> {
    const slices: Promise<unknown>[] = [];
    for (let byteStart = 0; byteStart < buffer.byteLength; byteStart += TOUCH_SLICE_BYTES) {
      slices.push(this.submit({ kind: 'touch', buffer, byteStart, byteEnd: Math.min(buffer.byteLength, byteStart + TOUCH_SLICE_BYTES) }));
    }
    await Promise.all(slices);
  }

  checksumSource(task: Omit<SourceChecksumTask, 'kind'>): Promise<string> {
    return this.submit({ ...task, kind: 'source-checksum' }) as Promise<string>;
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }

  /** One tiny copy per thread at once, so every thread has loaded its handler before the first stun. */
  private async warm(): Promise<void> {
    const source = new SharedArrayBuffer(4096);
    const destination = new SharedArrayBuffer(4096);
    const task = { source, destination, ppnStart: 0, ppnCount: 1024 };
    await Promise.all(Array.from({ length: this.threads }, () => this.run(task)));
  }
}
