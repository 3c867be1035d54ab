import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { EventRecorded } from '@fsr/application';
import { Projector } from '@fsr/infrastructure';

/** Every recorded event triggers a catch-up; the projector coalesces the triggers of a burst. */
@EventsHandler(EventRecorded)
export class ProjectOnEventRecorded implements IEventHandler<EventRecorded> {
  private readonly logger = new Logger('Projector');

  constructor(private readonly projector: Projector) {}

  handle(): void {
    this.projector.catchUp().catch((error: unknown) => {
      this.logger.error('catch-up failed; the next event retries', error instanceof Error ? error.stack : String(error));
    });
  }
}
