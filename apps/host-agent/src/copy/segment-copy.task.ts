import { preciseNow } from '../clock';
// Only node built-ins and leaf modules here: this file is loaded in every copy thread.
import { crc32Of, toHex } from '../memory/crc32-hex';

/** Small enough that a chunk of each table stays in the core's cache between its copy and its CRC. */
const CHUNK_BYTES = 1 << 20;

/** One segment's copy: PFrames [ppnStart, ppnStart+ppnCount) of the source table into the destination table. */
export interface SegmentCopyTask {
  readonly source: SharedArrayBuffer;
  readonly destination: SharedArrayBuffer;
  readonly ppnStart: number;
  readonly ppnCount: number;
  /** The source range's CRC-32 taken before the stun, when nothing was written there since: not computed again. */
  readonly knownSourceChecksum?: string;
}

/** CRC-32 of one segment's source range only, taken at prepare time (outside the stun). */
export interface SourceChecksumTask {
  readonly kind: 'source-checksum';
  readonly source: SharedArrayBuffer;
  readonly ppnStart: number;
  readonly ppnCount: number;
}

export function checksumSource(task: SourceChecksumTask): string {
  const bytes = task.ppnCount * Uint32Array.BYTES_PER_ELEMENT;
  return toHex(crc32Of(new Uint8Array(task.source, task.ppnStart * Uint32Array.BYTES_PER_ELEMENT, bytes)));
}

export interface SegmentCopyOutcome {
  readonly sourceChecksum: string;
  /** CRC-32 of the destination's range after the copy. */
  readonly checksum: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** Bytes [byteStart, byteEnd) of a new table written once, so the kernel commits its pages now. */
export interface TableTouchTask {
  readonly kind: 'touch';
  readonly buffer: SharedArrayBuffer;
  readonly byteStart: number;
  readonly byteEnd: number;
}

export function touchTable(task: TableTouchTask): void {
  new Uint8Array(task.buffer, task.byteStart, task.byteEnd - task.byteStart).fill(0);
}

/** The segments one copy thread takes in one message, copied one after the other. */
export interface SegmentCopyBatch {
  readonly kind: 'batch';
  readonly tasks: readonly SegmentCopyTask[];
}

export const copySegments = (batch: SegmentCopyBatch): SegmentCopyOutcome[] => batch.tasks.map(copySegment);

export function copySegment(task: SegmentCopyTask): SegmentCopyOutcome {
  const startedAt = preciseNow();
  const length = task.ppnCount * Uint32Array.BYTES_PER_ELEMENT;
  const byteOffset = task.ppnStart * Uint32Array.BYTES_PER_ELEMENT;
  const source = new Uint8Array(task.source, byteOffset, length);
  const destination = new Uint8Array(task.destination, byteOffset, length);
  const sourceKnown = task.knownSourceChecksum !== undefined;
  let sourceCrc = 0;
  let destinationCrc = 0;
  // Chunk by chunk, so each table crosses memory once: the copy and the destination's CRC hit the cache.
  for (let at = 0; at < length; at += CHUNK_BYTES) {
    const end = Math.min(length, at + CHUNK_BYTES);
    const chunk = source.subarray(at, end);
    if (!sourceKnown) sourceCrc = crc32Of(chunk, sourceCrc);
    destination.set(chunk, at);
    destinationCrc = crc32Of(destination.subarray(at, end), destinationCrc);
  }
  const sourceChecksum = task.knownSourceChecksum ?? toHex(sourceCrc);
  return { sourceChecksum, checksum: toHex(destinationCrc), startedAt, endedAt: preciseNow() };
}

/**
 * The cells of a copy gate (an Int32Array on shared memory): its state, how many threads wait at it, and one
 * cell per segment that the stun sets when the segment's prepare-time source CRC still holds.
 */
export const GATE_CELLS = { state: 0, threadsWaiting: 1, firstSegment: 2 } as const;
export const GATE_STATE = { closed: 0, open: 1, calledOff: 2 } as const;

/** A segment's first attempt handed to its thread before the suspend: which cell says whether its prepared CRC holds. */
export interface GatedSegmentCopyTask extends Omit<SegmentCopyTask, 'knownSourceChecksum'> {
  readonly gateCell: number;
  readonly preparedSourceChecksum?: string;
}

/** A thread's share of the first attempts, handed over before the suspend; it waits at the gate until the stun opens it. */
export interface GatedSegmentCopyBatch {
  readonly kind: 'gated-batch';
  readonly gate: SharedArrayBuffer;
  readonly waitMs: number;
  readonly tasks: readonly GatedSegmentCopyTask[];
}

export function copySegmentsAtGate(batch: GatedSegmentCopyBatch): SegmentCopyOutcome[] {
  const gate = new Int32Array(batch.gate);
  Atomics.add(gate, GATE_CELLS.threadsWaiting, 1);
  Atomics.wait(gate, GATE_CELLS.state, GATE_STATE.closed, batch.waitMs);
  // Not open by now: called off, here and for every thread, so a stun that comes late hands its segments out anew.
  const state = Atomics.compareExchange(gate, GATE_CELLS.state, GATE_STATE.closed, GATE_STATE.calledOff);
  if (state === GATE_STATE.closed) {
    Atomics.notify(gate, GATE_CELLS.state);
    throw new Error(`the stun did not open the copy gate within ${batch.waitMs} ms; its segments are handed out anew`);
  }
  if (state === GATE_STATE.calledOff) throw new Error('the switch-over was called off before its stun; its segments were not copied');
  return batch.tasks.map(({ gateCell, preparedSourceChecksum, ...task }) =>
    copySegment({ ...task, knownSourceChecksum: Atomics.load(gate, gateCell) === 1 ? preparedSourceChecksum : undefined }),
  );
}
