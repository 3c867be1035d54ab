import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pagesForMiB } from '@fsr/domain';
import { repeat, Summary, summarize } from '../support/stats';
import type { FloorTask } from './copy-floor.thread';

export interface CopyFloor {
  readonly memoryGiB: number;
  readonly pframes: number;
  readonly threads: number;
  /** `TypedArray.set` of the whole table split over every core. */
  readonly copyMs: Summary;
  readonly pframesPerSecond: Summary;
  /** The same split doing exactly what a segment's copy thread does in the stun (chunked copy, destination CRC-32). */
  readonly copyAndChecksumMs: Summary;
  /** The same work on one thread, as a legacy switch-over does it: with `copyAndChecksumMs`, the speed-up the hardware allows. */
  readonly oneThreadCopyAndChecksumMs?: Summary;
}

/** Worker threads doing nothing but plain copies of shared tables: what the hardware allows. */
export class CopyFloorThreads {
  private constructor(private readonly workers: Worker[]) {}

  static start(threads = availableParallelism()): CopyFloorThreads {
    return new CopyFloorThreads(Array.from({ length: threads }, () => new Worker(join(__dirname, 'copy-floor.thread.js'))));
  }

  /** Wall time from the first thread's start to the last thread's end, as the stun counts a transfer. */
  private async once(source: SharedArrayBuffer, destination: SharedArrayBuffer, pframes: number, withChecksums: boolean, workers = this.workers) {
    const share = Math.ceil(pframes / workers.length);
    const spans = await Promise.all(
      workers.map((worker, i) => {
        const task: FloorTask = { source, destination, from: i * share, count: Math.max(0, Math.min(share, pframes - i * share)), withChecksums };
        return new Promise<{ startedAt: number; endedAt: number }>((done) => {
          worker.once('message', done);
          worker.postMessage(task);
        });
      }),
    );
    return Math.max(...spans.map((s) => s.endedAt)) - Math.min(...spans.map((s) => s.startedAt));
  }

  async measure(memoryGiB: number, runs: number): Promise<CopyFloor> {
    const pframes = pagesForMiB(memoryGiB * 1024);
    const source = new SharedArrayBuffer(pframes * 4);
    const destination = new SharedArrayBuffer(pframes * 4);
    const entries = new Uint32Array(source);
    for (let ppn = 0; ppn < pframes; ppn++) entries[ppn] = (ppn | 0x80000000) >>> 0;
    new Uint32Array(destination).fill(0);
    const copies = await repeat(runs, () => this.once(source, destination, pframes, false));
    const checked = await repeat(runs, () => this.once(source, destination, pframes, true));
    const oneThread = await repeat(runs, () => this.once(source, destination, pframes, true, this.workers.slice(0, 1)));
    return {
      memoryGiB,
      pframes,
      threads: this.workers.length,
      copyMs: summarize(copies),
      pframesPerSecond: summarize(copies.map((ms) => Math.round(pframes / (ms / 1000)))),
      copyAndChecksumMs: summarize(checked),
      oneThreadCopyAndChecksumMs: summarize(oneThread),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
