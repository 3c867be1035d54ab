import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_CELLS, GATE_STATE } from './segment-copy.task';

/**
 * Where the copy threads wait with a switch-over's first attempts already in hand: handed over before the
 * suspend, so inside the stun a thread starts on a futex wake, not on a message through its event loop.
 */
export class CopyGate {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Int32Array;

  constructor(segments: number) {
    this.buffer = new SharedArrayBuffer((GATE_CELLS.firstSegment + segments) * Int32Array.BYTES_PER_ELEMENT);
    this.cells = new Int32Array(this.buffer);
  }

  cellOf(segment: number): number {
    return GATE_CELLS.firstSegment + segment;
  }

  /** Whether the threads gave their share up before the stun opened the gate (the stun then hands the segments out anew). */
  get calledOff(): boolean {
    return Atomics.load(this.cells, GATE_CELLS.state) === GATE_STATE.calledOff;
  }

  get threadsWaiting(): number {
    return Atomics.load(this.cells, GATE_CELLS.threadsWaiting);
  }

  /** Resolves once `threads` wait at the gate, or after `boundMs` (a thread busy with other work comes late, not never). */
  async whenWaiting(threads: number, boundMs: number): Promise<boolean> {
    const deadline = performance.now() + boundMs;
    while (this.threadsWaiting < threads) {
      if (performance.now() >= deadline) return false;
      await sleep(0);
    }
    return true;
  }

  /** Lets the threads copy; each segment whose prepared source CRC still holds (`unwritten`) is not checksummed again. */
  open(unwritten: readonly boolean[]): void {
    unwritten.forEach((holds, segment) => Atomics.store(this.cells, this.cellOf(segment), holds ? 1 : 0));
    if (Atomics.compareExchange(this.cells, GATE_CELLS.state, GATE_STATE.closed, GATE_STATE.open) === GATE_STATE.closed) {
      Atomics.notify(this.cells, GATE_CELLS.state);
    }
  }

  /** The stun will not come, or other work must not queue behind the waiting threads: they give their share up. */
  callOff(): void {
    if (Atomics.compareExchange(this.cells, GATE_CELLS.state, GATE_STATE.closed, GATE_STATE.calledOff) === GATE_STATE.closed) {
      Atomics.notify(this.cells, GATE_CELLS.state);
    }
  }
}
