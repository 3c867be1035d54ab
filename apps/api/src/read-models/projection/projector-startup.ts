import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Projector } from '@fsr/infrastructure';

/** Brings the views up to date with the log before the application serves requests. */
@Injectable()
export class ProjectorStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Projector');

  constructor(private readonly projector: Projector) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.projector.catchUp();
      this.logger.log(`read models at position ${String(this.projector.checkpoint)}`);
    } catch (error) {
      this.logger.error('initial catch-up failed; retried on the next event', error instanceof Error ? error.stack : String(error));
    }
  }
}
