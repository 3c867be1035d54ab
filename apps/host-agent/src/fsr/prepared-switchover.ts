import { PrepareSwitchoverCommand } from '@fsr/contracts';
import { SegmentResult } from '@fsr/domain';
import { CopyGate } from '../copy/copy-gate';
import { SplitCopy } from '../copy/copy-pool';
import { GatedSegmentCopyTask, SegmentCopyOutcome, SegmentCopyTask } from '../copy/segment-copy.task';
import { VmInstance } from '../vm/hosted-vm';
import { deferred } from './deferred';

export type SwitchoverPhase = 'preparing' | 'prepared' | 'executing' | 'finished' | 'discarded';

/** A segment ran out of attempts; the switch-over rolls back. */
export class SegmentTransferFailedError extends Error {
  constructor(
    readonly index: number,
    readonly attempts: number,
    cause: string,
  ) {
    super(`segment ${index} failed after ${attempts} attempt(s): ${cause}`);
  }
}

export class SwitchoverDiscardedError extends Error {}

/**
 * A destination built ahead of the stun, plus the in-process signals between the coordinator and the
 * segment processors: processors arm (hold their job) until released, then report their result here.
 */
export class PreparedSwitchover {
  phase: SwitchoverPhase = 'preparing';
  expiry: NodeJS.Timeout | null = null;
  private readonly release = deferred();
  private readonly armed = new Set<number>();
  private readonly allArmed = deferred();
  private readonly results = new Map<number, SegmentResult>();
  private readonly allDone = deferred<SegmentResult[]>();
  private readonly stunOver = deferred();
  private sourceChecksums: readonly string[] | null = null;
  private firstAttempts: ReadonlyMap<number, Promise<SegmentCopyOutcome>> | null = null;
  private gate: CopyGate | null = null;

  constructor(
    readonly command: Omit<PrepareSwitchoverCommand, 'type'>,
    readonly source: VmInstance,
    readonly destination: VmInstance,
    readonly preparedAt: number,
  ) {}

  get operationId(): string {
    return this.command.operationId;
  }

  get epoch(): number {
    return this.command.epoch;
  }

  get vmId(): string {
    return this.command.vmId;
  }

  get sourcePages(): number {
    return this.source.table.pages;
  }

  /** Pages hot-added by this switch-over; they hold fresh MPNs from the pool. */
  get freshPages(): number {
    return this.destination.table.pages - this.source.table.pages;
  }

  /** Called by a segment processor holding its job: resolves when the stun releases it, rejects on discard. */
  arm(index: number): Promise<void> {
    this.armed.add(index);
    if (this.armed.size === this.command.segments.length) this.allArmed.resolve();
    return this.release.promise;
  }

  whenAllArmed(): Promise<void> {
    return this.allArmed.promise;
  }

  /** Inside the stun: the threads waiting at the gate start copying, and the armed processors go on. */
  releaseSegments(): void {
    this.phase = 'executing';
    if (this.gate?.calledOff) {
      // Other work came to the threads before the stun: the first attempts are handed out as if never readied.
      this.firstAttempts = null;
    } else {
      this.gate?.open(this.command.segments.map((segment) => this.sourceChecksumIfUnwritten(segment.index) !== undefined));
    }
    this.gate = null;
    this.release.resolve();
  }

  /** Segment CRCs of the source taken at prepare time; `trackWrites` must have covered the table before they were taken. */
  setSourceChecksums(checksums: readonly string[]): void {
    this.sourceChecksums = checksums;
  }

  /** The prepare-time CRC of a segment's source range if the guest wrote nothing there since (the stun then skips it). */
  sourceChecksumIfUnwritten(index: number): string | undefined {
    const segment = this.command.segments[index];
    const unwritten = this.source.table.unwrittenSinceTracked(segment.ppnStart, segment.ppnStart + segment.ppnCount);
    return unwritten ? this.sourceChecksums?.[index] : undefined;
  }

  /** One segment's copy task, for an attempt that copies alone. */
  copyTaskOf(index: number): SegmentCopyTask {
    const segment = this.command.segments[index];
    return {
      source: this.source.table.buffer,
      destination: this.destination.table.buffer,
      ppnStart: segment.ppnStart,
      ppnCount: segment.ppnCount,
      knownSourceChecksum: this.sourceChecksumIfUnwritten(index),
    };
  }

  /**
   * Just before the suspend: hands each copy thread its share of the first attempts, to wait at a gate that
   * `releaseSegments` opens; so no message to a thread is inside the stun. Resolves once every thread waits
   * there, or after `boundMs`; nothing when the threads are busy (the stun then splits as before). Whether a
   * segment's prepared source CRC still holds is decided when the gate opens.
   */
  async readyFirstAttempts(
    ready: (tasks: GatedSegmentCopyTask[], gate: CopyGate) => SplitCopy | null,
    boundMs: number,
  ): Promise<void> {
    if (this.firstAttempts) return;
    const { segments } = this.command;
    const gate = new CopyGate(segments.length);
    const tasks = segments.map((segment, i): GatedSegmentCopyTask => {
      const { knownSourceChecksum: _, ...task } = this.copyTaskOf(segment.index);
      return { ...task, gateCell: gate.cellOf(i), preparedSourceChecksum: this.sourceChecksums?.[segment.index] };
    });
    const readied = ready(tasks, gate);
    if (!readied) return;
    this.keepFirstAttempts(readied.outcomes);
    this.gate = gate;
    await gate.whenWaiting(readied.threads, boundMs);
  }

  /** The stun will not come after all (the executor failed before it): the threads waiting at the gate give their share up. */
  callOffReadyCopies(): void {
    this.gate?.callOff();
  }

  /**
   * A segment's first attempt, copied along with every other segment's: the first processor released hands
   * each copy thread its share of the segments in one message (`copy`), so 48 segments cost about what 8 do.
   * Retries copy alone.
   */
  firstAttemptOf(index: number, copy: (tasks: SegmentCopyTask[]) => Promise<SegmentCopyOutcome>[]): Promise<SegmentCopyOutcome> {
    if (!this.firstAttempts) {
      const { segments } = this.command;
      this.keepFirstAttempts(copy(segments.map((segment) => this.copyTaskOf(segment.index))));
    }
    return this.firstAttempts!.get(index)!;
  }

  private keepFirstAttempts(outcomes: Promise<SegmentCopyOutcome>[]): void {
    // Each is awaited by its own segment's processor, if that one still runs: none may go unhandled.
    for (const outcome of outcomes) outcome.catch(() => undefined);
    this.firstAttempts = new Map(this.command.segments.map((segment, i) => [segment.index, outcomes[i]]));
  }

  /** The VM runs again (on either side): segment jobs may now complete in Redis. */
  endStun(): void {
    this.stunOver.resolve();
  }

  whenStunOver(): Promise<void> {
    return this.stunOver.promise;
  }

  discard(reason: string): void {
    this.phase = 'discarded';
    this.callOffReadyCopies();
    this.stunOver.resolve();
    const error = new SwitchoverDiscardedError(reason);
    this.release.reject(error);
    this.allArmed.reject(error);
    this.allDone.reject(error);
  }

  segmentSucceeded(index: number, outcome: SegmentCopyOutcome, attempts: number): SegmentResult {
    const result: SegmentResult = { index, ...outcome, attempts };
    this.results.set(index, result);
    if (this.results.size === this.command.segments.length) {
      this.allDone.resolve([...this.results.values()].sort((a, b) => a.index - b.index));
    }
    return result;
  }

  segmentFailed(index: number, attempts: number, cause: string): void {
    this.allDone.reject(new SegmentTransferFailedError(index, attempts, cause));
  }

  segmentsDone(): Promise<SegmentResult[]> {
    return this.allDone.promise;
  }

  completedSegments(): SegmentResult[] {
    return [...this.results.values()].sort((a, b) => a.index - b.index);
  }
}
