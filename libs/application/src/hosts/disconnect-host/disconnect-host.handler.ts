import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hostDecider } from '@fsr/domain';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { appendTo } from '../../common/appends';
import { retryOnConflict } from '../../common/retry-on-conflict';
import { streams, subjects } from '../../common/streams';
import { DisconnectHostCommand } from '../host.commands';

@CommandHandler(DisconnectHostCommand)
export class DisconnectHostHandler implements ICommandHandler<DisconnectHostCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
  ) {}

  execute({ hostId, agentInstanceId, reason, context, keptVms }: DisconnectHostCommand) {
    return retryOnConflict(async () => {
      const host = await this.aggregates.host(hostId);
      if (!host.state.exists) return;
      const events = hostDecider.decide({ type: 'disconnect', agentInstanceId, reason, ...(keptVms ? { keptVms } : {}) }, host.state);
      await this.store.append([appendTo(streams.host(hostId), host, events, [subjects.host(hostId)])], context);
    });
  }
}
