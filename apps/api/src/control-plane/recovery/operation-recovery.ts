import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Aggregates, OperationFinisher, RunSwitchoverCommand } from '@fsr/application';
import { OperationQueries, Projector } from '@fsr/infrastructure';

const SYSTEM = { actor: 'system:recovery', causationId: null } as const;

/**
 * After a restart of the control plane, every operation the log holds as unfinished is driven to an
 * end: one that had not reached the switch-over is run again from its prepare phase; one caught in
 * the switch-over ends failed with that cause (its host agent rolled back or finished on its own).
 */
@Injectable()
export class OperationRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(OperationRecovery.name);

  constructor(
    private readonly projector: Projector,
    private readonly operations: OperationQueries,
    private readonly aggregates: Aggregates,
    private readonly commands: CommandBus,
    private readonly finisher: OperationFinisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.catchUp();
    const unfinished = [...(await this.operations.list({ state: 'queued' })), ...(await this.operations.list({ state: 'running' }))];
    for (const view of unfinished) {
      const context = { ...SYSTEM, correlationId: `recovery-${view.id}` };
      const { state } = await this.aggregates.operation(view.id);
      this.logger.warn(`recovering operation ${view.id} (${state.status})`);
      if (state.status === 'switching-over') {
        const cause = { code: 'CONTROL_PLANE_RESTARTED', message: 'the control plane restarted during the switch-over' };
        await this.finisher.finish(view.id, { outcome: 'failed', cause }, context);
      } else {
        void this.commands.execute(new RunSwitchoverCommand(view.id, context));
      }
    }
  }
}
