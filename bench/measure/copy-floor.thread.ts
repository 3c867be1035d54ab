import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { copySegment } from '../../apps/host-agent/src/copy/segment-copy.task';

// One floor thread: copies its share of the same bytes with nothing else, or does exactly what a
// segment's copy thread does in the stun of an idle guest (chunked copy and the destination's CRC-32;
// the source's was taken at prepare time), still without any orchestration.
export interface FloorTask {
  readonly source: SharedArrayBuffer;
  readonly destination: SharedArrayBuffer;
  readonly from: number;
  readonly count: number;
  readonly withChecksums: boolean;
}

parentPort?.on('message', (task: FloorTask) => {
  if (task.withChecksums) {
    const known = { knownSourceChecksum: 'prepare-time' };
    const outcome = copySegment({ source: task.source, destination: task.destination, ppnStart: task.from, ppnCount: task.count, ...known });
    parentPort!.postMessage({ startedAt: outcome.startedAt, endedAt: outcome.endedAt });
    return;
  }
  const startedAt = performance.timeOrigin + performance.now();
  new Uint32Array(task.destination, task.from * 4, task.count).set(new Uint32Array(task.source, task.from * 4, task.count));
  parentPort!.postMessage({ startedAt, endedAt: performance.timeOrigin + performance.now() });
});
