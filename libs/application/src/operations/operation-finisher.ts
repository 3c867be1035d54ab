import { Injectable } from '@nestjs/common';
import {
  OperationCause,
  OperationCommand,
  ExistingOperation,
  VmDisk,
  VmHardware,
  datastoreDecider,
  hostDecider,
  operationDecider,
  vmDecider,
} from '@fsr/domain';
import { AggregateStore } from '../common/aggregate-store';
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

  /** `expectedVersion`: the client's If-Match on the operation, checked in the same append (a cancel's). */
  finish(operationId: string, ending: Ending, context: CommandContext, expectedVersion?: number) {
    return retryOnConflict(async () => {
      const operation = await this.aggregates.existingOperation(operationId);
      const { vmId, hostId, source, target } = operation.state;
      const opSubjects = [subjects.operation(operationId), subjects.vm(vmId), subjects.host(hostId)];
      const operationEvents = operationDecider.decide(endingCommand(ending), operation.state);
      const vm = await this.aggregates.vm(vmId);
      const vmEvents = decideAll(vmDecider, vm.state, [
        ...(ending.outcome === 'succeeded' ? [{ type: 'reconfigure' as const, hardware: target, operationId }] : []),
        { type: 'end-operation' as const, operationId, outcome: ending.outcome },
      ]);
      const appends: StreamAppend[] = [
        appendTo(streams.operation(operationId), operation, operationEvents, opSubjects, expectedVersion),
        appendTo(streams.vm(vmId), vm, vmEvents, opSubjects),
      ];
      if (ending.outcome === 'succeeded') {
        appends.push(...(await this.freeDisks(operation.state, disksOnlyIn(source, target), opSubjects)));
      } else {
        appends.push(await this.giveBackMemory(operation.state, opSubjects));
        appends.push(...(await this.freeDisks(operation.state, disksOnlyIn(target, source), opSubjects)));
      }
      return this.store.append(appends, context);
    }, expectedVersion, streams.operation(operationId));
  }

  private async giveBackMemory({ operationId, vmId, hostId, source }: ExistingOperation, opSubjects: string[]): Promise<StreamAppend> {
    const host = await this.aggregates.host(hostId);
    const hostEvents = !host.state.exists || host.state.committedMiB[vmId] === undefined
      ? []
      : hostDecider.decide({ type: 'commit-vm-memory', vmId, memoryMiB: source.memoryMiB, operationId }, host.state);
    return appendTo(streams.host(hostId), host, hostEvents, opSubjects);
  }

  /** Space of disk copies that no longer exist: added disks after a failure, the source copies after a relocation. */
  private freeDisks({ operationId, vmId }: ExistingOperation, disks: readonly VmDisk[], opSubjects: string[]): Promise<StreamAppend[]> {
    return Promise.all(
      [...new Set(disks.map((disk) => disk.datastoreId))].map(async (datastoreId) => {
        const datastore = await this.aggregates.datastore(datastoreId);
        const events = decideAll(
          datastoreDecider,
          datastore.state,
          disks.filter((disk) => disk.datastoreId === datastoreId).map((disk) => ({ type: 'free-space' as const, vmId, diskId: disk.diskId, operationId })),
        );
        return appendTo(streams.datastore(datastoreId), datastore, events, [subjects.datastore(datastoreId), ...opSubjects]);
      }),
    );
  }
}

const placement = (disk: VmDisk): string => `${disk.datastoreId}/${disk.diskId}`;

/** Disks of `a` that `b` does not hold on the same datastore. */
function disksOnlyIn(a: VmHardware, b: VmHardware): VmDisk[] {
  const inB = new Set(b.disks.map(placement));
  return a.disks.filter((disk) => !inB.has(placement(disk)));
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
