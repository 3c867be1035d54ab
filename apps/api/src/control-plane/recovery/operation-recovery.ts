import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InterruptedOperationSettler } from '@fsr/application';
import { OperationQueries, Projector } from '@fsr/infrastructure';

const SYSTEM = { actor: 'system:recovery', causationId: null } as const;

/**
 * After a restart of the control plane, every operation the log holds as unfinished is driven to an
 * end from what its host agent holds (see InterruptedOperationSettler). It runs beside the start-up, so
 * the API answers while an agent is asked or a stun is waited for.
 */
@Injectable()
export class OperationRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationRecovery.name);
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly projector: Projector,
    private readonly operations: OperationQueries,
    private readonly settler: InterruptedOperationSettler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.catchUp();
    const unfinished = [...(await this.operations.list({ state: 'queued' })), ...(await this.operations.list({ state: 'running' }))];
    this.running = Promise.all(
      unfinished.map(async ({ id }) => {
        this.logger.warn(`recovering operation ${id}`);
        await this.settler.settle(id, { ...SYSTEM, correlationId: `recovery-${id}` });
      }),
    ).then(
      () => undefined,
      (error: unknown) => this.logger.error(`recovery failed: ${String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
