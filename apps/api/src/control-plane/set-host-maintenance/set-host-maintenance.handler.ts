import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hostDecider } from '@fsr/domain';
import { AggregateStore, Aggregates, appendTo, assertPrecondition, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { SetHostMaintenanceCommand } from './set-host-maintenance.command';

@CommandHandler(SetHostMaintenanceCommand)
export class SetHostMaintenanceHandler implements ICommandHandler<SetHostMaintenanceCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
  ) {}

  execute({ hostId, enabled, precondition, context }: SetHostMaintenanceCommand) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      assertPrecondition(streams.host(hostId), host, precondition);
      const events = hostDecider.decide({ type: 'set-maintenance', enabled }, host.state);
      const recorded = await this.store.append(
        [appendTo(streams.host(hostId), host, events, [subjects.host(hostId)], precondition.expectedVersion)],
        context,
      );
      return { hostId, position: lastPosition(recorded) };
    }, precondition.expectedVersion, streams.host(hostId));
  }
}
