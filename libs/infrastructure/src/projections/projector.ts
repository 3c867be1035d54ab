import { EventStore } from '@fsr/application';
import { RecordedEvent } from '@fsr/domain';
import { Prisma, PrismaClient } from '../prisma/generated/client';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../event-store/event-rows';
import { countRebuild, lockCheckpoint, READ_MODELS_CHECKPOINT, storeCheckpoint } from './projection-checkpoint';
import { PrismaViewSession } from './prisma-view-session';
import { applyToViews } from './read-model-projections';
import { viewTables } from './prisma-view-tables';
import { VIEW_NAMES } from './view-rows';

export interface ProjectorOptions {
  readonly batchSize?: number;
  readonly checkpointName?: string;
  readonly transactionTimeoutMs?: number;
  /** How long the one transaction of a rebuild may take. */
  readonly rebuildTimeoutMs?: number;
  /**
   * Rebuild in one transaction, so readers never see a half-built view. Off for PGlite: its one
   * connection would hold every read until the whole replay ends (a read issued meanwhile was seen to hang).
   */
  readonly atomicRebuild?: boolean;
  readonly logger?: { error(message: string, trace?: string): void };
}

export interface RebuildResult {
  readonly rebuiltEvents: number;
  readonly position: bigint;
  readonly tookMs: number;
}

/** Inside the rebuild's transaction: PGlite has one connection, which the transaction holds. */
const readAllWithin = async (tx: Prisma.TransactionClient, after: bigint, limit: number): Promise<RecordedEvent[]> =>
  (await tx.$queryRaw<EventRow[]>(Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ${after}::bigint ORDER BY position LIMIT ${limit}`)).map(
    (row) => toRecordedEvent(row),
  );

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

  /**
   * Empties the views and replays the whole log in one transaction: until it commits, readers see the
   * views as they were, then the rebuilt ones at once (never an empty or half-built view). What was
   * recorded meanwhile is caught up afterwards.
   */
  rebuild(): Promise<RebuildResult> {
    const run = this.tail.then(async () => {
      const started = performance.now();
      const replayed = this.options.atomicRebuild === false ? await this.resetViews() : await this.prisma.$transaction((tx) => this.replayAll(tx), {
        timeout: this.options.rebuildTimeoutMs ?? 10 * 60_000,
        maxWait: this.timeout,
      });
      const rebuiltEvents = replayed + (await this.drain());
      return { rebuiltEvents, position: this.position ?? 0n, tookMs: Math.round(performance.now() - started) };
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async resetViews(): Promise<number> {
    await this.prisma.$transaction(async (tx) => {
      await lockCheckpoint(tx, this.name);
      for (const view of VIEW_NAMES) await viewTables[view].clear(tx);
      await storeCheckpoint(tx, this.name, 0n);
      await countRebuild(tx, this.name);
    });
    this.position = 0n;
    return 0;
  }

  private async replayAll(tx: Prisma.TransactionClient): Promise<number> {
    await lockCheckpoint(tx, this.name);
    for (const view of VIEW_NAMES) await viewTables[view].clear(tx);
    let after = 0n;
    let applied = 0;
    for (;;) {
      const batch = await readAllWithin(tx, after, this.batchSize);
      if (batch.length === 0) break;
      const views = new PrismaViewSession(tx);
      for (const event of batch) await applyToViews(event, views);
      await views.flush();
      after = batch[batch.length - 1].position;
      applied += batch.length;
    }
    await storeCheckpoint(tx, this.name, after);
    await countRebuild(tx, this.name);
    return applied;
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
