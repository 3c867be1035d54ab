import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { crc32 } from 'node:zlib';

// One floor thread: copies (and optionally checksums) its share of the same bytes, nothing else.
export interface FloorTask {
  readonly source: SharedArrayBuffer;
  readonly destination: SharedArrayBuffer;
  readonly from: number;
  readonly count: number;
  readonly withChecksums: boolean;
}

parentPort?.on('message', (task: FloorTask) => {
  const source = new Uint32Array(task.source, task.from * 4, task.count);
  const destination = new Uint32Array(task.destination, task.from * 4, task.count);
  const startedAt = performance.timeOrigin + performance.now();
  if (task.withChecksums) crc32(source);
  destination.set(source);
  if (task.withChecksums) crc32(destination);
  parentPort!.postMessage({ startedAt, endedAt: performance.timeOrigin + performance.now() });
});
