import { EventStore } from '@fsr/application';
import { RecordedEvent } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { lockCheckpoint, READ_MODELS_CHECKPOINT, storeCheckpoint } from './projection-checkpoint';
import { PrismaViewSession } from './prisma-view-session';
import { applyToViews } from './read-model-projections';
import { viewTables } from './prisma-view-tables';
import { VIEW_NAMES } from './view-rows';

export interface ProjectorOptions {
  readonly batchSize?: number;
  readonly checkpointName?: string;
  readonly transactionTimeoutMs?: number;
  readonly logger?: { error(message: string, trace?: string): void };
}

export interface RebuildResult {
  readonly rebuiltEvents: number;
  readonly position: bigint;
  readonly tookMs: number;
}

interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
}

/**
 * Projects the event log into the view tables. Each batch of events is applied in one transaction together
 * with the checkpoint, so every event counts exactly once; runs are serialised and triggers coalesce.
 */
export class Projector {
  private position: bigint | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private scheduled: Promise<void> | null = null;
  private waiters: Waiter[] = [];
  private readonly batchSize: number;
  private readonly name: string;
  private readonly timeout: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: EventStore,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.name = options.checkpointName ?? READ_MODELS_CHECKPOINT;
    this.timeout = options.transactionTimeoutMs ?? 60_000;
  }

  /** The last position applied to the views, as far as this instance knows (null before its first run). */
  get checkpoint(): bigint | null {
    return this.position;
  }

  /** Applies every event recorded after the checkpoint; a call while a run is in progress schedules one more. */
  catchUp(): Promise<void> {
    if (this.scheduled) return this.scheduled;
    const run = this.tail.then(async () => {
      this.scheduled = null;
      await this.drain();
    });
    this.scheduled = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves true once the views include `position`, false after `timeoutMs`. */
  waitUntil(position: bigint, timeoutMs = 10_000): Promise<boolean> {
    if (this.position !== null && this.position >= position) return Promise.resolve(true);
    const reached = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      const settle = (value: boolean) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        resolve(value);
      };
      const entry: Waiter = { position, resolve: settle };
      this.waiters.push(entry);
    });
    this.catchUp().catch((error: unknown) => this.logError('catch-up failed', error));
    return reached;
  }

  /** Empties the views, resets the checkpoint and replays the whole log. */
  rebuild(): Promise<RebuildResult> {
    const run = this.tail.then(async () => {
      const started = performance.now();
      await this.prisma.$transaction(async (tx) => {
        await lockCheckpoint(tx, this.name);
        for (const view of VIEW_NAMES) await viewTables[view].clear(tx);
        await storeCheckpoint(tx, this.name, 0n);
      });
      this.position = 0n;
      const rebuiltEvents = await this.drain();
      return { rebuiltEvents, position: this.position, tookMs: Math.round(performance.now() - started) };
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<number> {
    let after = await this.storedCheckpoint();
    let applied = 0;
    this.advanceTo(after);
    for (;;) {
      const batch = await this.events.readAll(after, this.batchSize);
      if (batch.length === 0) return applied;
      const result = await this.applyBatch(after, batch);
      applied += result.applied;
      after = result.position;
      this.advanceTo(after);
    }
  }

  private applyBatch(after: bigint, batch: readonly RecordedEvent[]): Promise<{ position: bigint; applied: number }> {
    return this.prisma.$transaction(
      async (tx) => {
        const stored = await lockCheckpoint(tx, this.name);
        if (stored !== after) return { position: stored, applied: 0 };
        const views = new PrismaViewSession(tx);
        for (const event of batch) await applyToViews(event, views);
        await views.flush();
        const position = batch[batch.length - 1].position;
        await storeCheckpoint(tx, this.name, position);
        return { position, applied: batch.length };
      },
      { timeout: this.timeout, maxWait: this.timeout },
    );
  }

  private async storedCheckpoint(): Promise<bigint> {
    const row = await this.prisma.projectionCheckpoint.findUnique({ where: { name: this.name } });
    return row?.position ?? 0n;
  }

  private advanceTo(position: bigint): void {
    this.position = position;
    for (const waiter of this.waiters.filter((candidate) => candidate.position <= position)) waiter.resolve(true);
  }

  private logError(message: string, error: unknown): void {
    const trace = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (this.options.logger) this.options.logger.error(message, trace);
  }
}
