import { Injectable } from '@nestjs/common';
import {
  OperationCause,
  OperationCommand,
  OperationState,
  datastoreDecider,
  hostDecider,
  operationDecider,
  vmDecider,
} from '@fsr/domain';
import { AggregateStore, Loaded } from '../common/aggregate-store';
import { Aggregates } from '../common/aggregates';
import { appendTo } from '../common/appends';
import { CommandContext } from '../common/command-context';
import { decideAll } from '../common/decide-all';
import { retryOnConflict } from '../common/retry-on-conflict';
import { streams, subjects } from '../common/streams';
import { StreamAppend } from '../ports/event-store.port';

export type Ending =
  | { readonly outcome: 'succeeded' }
  | { readonly outcome: 'failed'; readonly cause: OperationCause }
  | { readonly outcome: 'rolled-back'; readonly cause: OperationCause; readonly stunMs: number | null }
  | { readonly outcome: 'cancelled'; readonly by: string };

/**
 * Ends an operation and everything it held, in one append: the VM unlocked (and reconfigured when it
 * succeeded), or the host's memory and datastore space given back to what the source had.
 */
@Injectable()
export class OperationFinisher {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
  ) {}

  finish(operationId: string, ending: Ending, context: CommandContext) {
    return retryOnConflict(async () => {
      const operation = await this.aggregates.operation(operationId);
      const { vmId, hostId, source, target } = operation.state;
      const opSubjects = [subjects.operation(operationId), subjects.vm(vmId), subjects.host(hostId)];
      const operationEvents = operationDecider.decide(endingCommand(ending), operation.state);
      const vm = await this.aggregates.vm(vmId);
      const vmEvents = decideAll(vmDecider, vm.state, [
        ...(ending.outcome === 'succeeded' ? [{ type: 'reconfigure' as const, hardware: target, operationId }] : []),
        { type: 'end-operation' as const, operationId, outcome: ending.outcome },
      ]);
      const appends: StreamAppend[] = [
        appendTo(streams.operation(operationId), operation, operationEvents, opSubjects),
        appendTo(streams.vm(vmId), vm, vmEvents, opSubjects),
      ];
      if (ending.outcome !== 'succeeded') appends.push(...(await this.giveBack(operation, opSubjects)));
      return this.store.append(appends, context);
    });
  }

  private async giveBack({ state }: Loaded<OperationState>, opSubjects: string[]): Promise<StreamAppend[]> {
    const { operationId, vmId, hostId, source, target } = state;
    const host = await this.aggregates.host(hostId);
    const hostEvents = host.state.committedMiB[vmId] === undefined
      ? []
      : hostDecider.decide({ type: 'commit-vm-memory', vmId, memoryMiB: source.memoryMiB, operationId }, host.state);
    const sourceDisks = new Set(source.disks.map((disk) => disk.diskId));
    const added = target.disks.filter((disk) => !sourceDisks.has(disk.diskId));
    const datastoreAppends = await Promise.all(
      [...new Set(added.map((disk) => disk.datastoreId))].map(async (datastoreId) => {
        const datastore = await this.aggregates.datastore(datastoreId);
        const events = decideAll(
          datastoreDecider,
          datastore.state,
          added.filter((disk) => disk.datastoreId === datastoreId).map((disk) => ({ type: 'free-space' as const, vmId, diskId: disk.diskId, operationId })),
        );
        return appendTo(streams.datastore(datastoreId), datastore, events, [subjects.datastore(datastoreId), ...opSubjects]);
      }),
    );
    return [appendTo(streams.host(hostId), host, hostEvents, opSubjects), ...datastoreAppends];
  }
}

function endingCommand(ending: Ending): OperationCommand {
  switch (ending.outcome) {
    case 'succeeded':
      return { type: 'succeed' };
    case 'failed':
      return { type: 'fail', cause: ending.cause };
    case 'rolled-back':
      return { type: 'roll-back', cause: ending.cause, stunMs: ending.stunMs };
    case 'cancelled':
      return { type: 'cancel', by: ending.by };
  }
}
