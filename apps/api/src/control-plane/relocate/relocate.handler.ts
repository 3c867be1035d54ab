import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DatastoreNotFoundError, datastoreDecider, operationDecider, planRelocation, requireVm, vmDecider } from '@fsr/domain';
import { AggregateStore, Aggregates, CONTROL_PLANE_SETTINGS, ControlPlaneSettings, FsrPlanner, IDS, Ids, appendNew, appendTo, decideAll, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { RelocateCommand } from './relocate.command';

/**
 * Records a relocation: the target datastore's space reserved for the moved disks, the VM locked, the
 * operation requested. The switch-over saga then copies the disks and, powered on, switches over.
 */
@CommandHandler(RelocateCommand)
export class RelocateHandler implements ICommandHandler<RelocateCommand, { operationId: string; position: bigint | null }> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly fsrPlanner: FsrPlanner,
    private readonly store: AggregateStore,
    @Inject(CONTROL_PLANE_SETTINGS) private readonly settings: ControlPlaneSettings,
    @Inject(IDS) private readonly ids: Ids,
  ) {}

  execute({ vmId, request, precondition, context }: RelocateCommand) {
    return retryOnConflict(async () => {
      const operationId = this.ids.next();
      const vm = await this.aggregates.vm(vmId);
      const vmEvents = vmDecider.decide({ type: 'start-operation', operationId, kind: 'relocate' }, vm.state);
      const existing = requireVm(vm.state);
      const { hostId } = existing;
      const plan = planRelocation(existing, request.datastoreId);
      const target = await this.aggregates.datastore(plan.targetDatastoreId);
      if (!target.state.exists) throw new DatastoreNotFoundError(plan.targetDatastoreId);
      const datastoreEvents = decideAll(
        datastoreDecider,
        target.state,
        plan.movedDisks.map((disk) => ({ type: 'allocate-space' as const, vmId, diskId: disk.diskId, sizeMiB: disk.sizeMiB, operationId })),
      );
      const cold = plan.disruption === 'config-only';
      const fsr = cold ? null : await this.fsrPlanner.plan(plan.source, (await this.aggregates.existingHost(hostId)).state, request.mode ?? 'distributed');
      const operationEvents = operationDecider.decide(
        {
          type: 'request',
          operationId,
          kind: 'relocate',
          vmId,
          hostId,
          mode: request.mode ?? 'distributed',
          source: plan.source,
          target: plan.target,
          segments: fsr?.segments ?? [],
          totalPFrames: fsr?.totalPFrames ?? 0,
          predictedStunMs: fsr?.prediction.predictedStunMs ?? 0,
          slaMs: this.settings.stunSlaMs,
          relocation: {
            sourceDatastoreId: plan.sourceDatastoreId,
            targetDatastoreId: plan.targetDatastoreId,
            totalBytes: plan.totalBytes,
            maxCopyMiBps: request.maxCopyMiBps ?? null,
            cold,
          },
        },
        (await this.aggregates.operation(operationId)).state,
      );
      const opSubjects = [subjects.operation(operationId), subjects.vm(vmId), subjects.host(hostId)];
      const recorded = await this.store.append(
        [
          appendNew(streams.operation(operationId), operationEvents, opSubjects),
          appendTo(streams.vm(vmId), vm, vmEvents, opSubjects, precondition.expectedVersion),
          appendTo(streams.datastore(plan.targetDatastoreId), target, datastoreEvents, [
            subjects.datastore(plan.targetDatastoreId),
            ...opSubjects,
          ]),
        ],
        context,
      );
      return { operationId, position: lastPosition(recorded) };
    }, precondition.expectedVersion, streams.vm(vmId));
  }
}
