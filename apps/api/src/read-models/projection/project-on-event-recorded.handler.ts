import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { EventRecorded } from '@fsr/application';
import { isDatabaseUnavailable, Projector } from '@fsr/infrastructure';

const RETRY_MS = 1000;

/**
 * Every recorded event triggers a catch-up; the projector coalesces the triggers of a burst. A failed
 * catch-up (the database went away after the append) is tried again every second until it succeeds,
 * so the read models do not wait for the next event.
 */
@EventsHandler(EventRecorded)
export class ProjectOnEventRecorded implements IEventHandler<EventRecorded>, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private retry: NodeJS.Timeout | null = null;
  private reported: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly projector: Projector) {}

  handle(): void {
    if (this.stopped) return;
    const run = this.projector.catchUp();
    run.catch((error: unknown) => {
      // Triggers of a burst share one run: its failure is reported once. Once closing, the pool is gone.
      if (this.reported === run || this.stopped) return;
      this.reported = run;
      if (isDatabaseUnavailable(error)) this.logger.warn(`catch-up failed, the database cannot be reached; retrying in ${RETRY_MS} ms`);
      else this.logger.error(`catch-up failed; retrying in ${RETRY_MS} ms`, error instanceof Error ? error.stack : String(error));
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.handle();
      }, RETRY_MS).unref();
    });
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }
}
