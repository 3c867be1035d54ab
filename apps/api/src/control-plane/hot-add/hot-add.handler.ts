import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ExistingHost, ExistingVm, HotAddPlan, datastoreDecider, hostDecider, operationDecider, planHotAdd, requireVm, vmDecider, VmNotFoundError } from '@fsr/domain';
import { AggregateStore, Aggregates, CONTROL_PLANE_SETTINGS, CommandContext, ControlPlaneSettings, DiskFiles, EventStoreUnavailableError, FsrPlanner, HOST_AGENT_GATEWAY, HostAgentGateway, IDS, Ids, Loaded, StreamAppend, StunSlaWouldBeExceededError, appendNew, appendTo, assertPrecondition, decideAll, diskFileName, lastPosition, retryOnConflict, streams, subjects } from '@fsr/application';
import { HotAddCommand, HotAddOutcome } from './hot-add.command';

/**
 * Powered off: a configuration change only. Powered on: records an FSR operation (the VM locked,
 * the host's memory committed for the new total) that the switch-over saga then runs.
 */
@CommandHandler(HotAddCommand)
export class HotAddHandler implements ICommandHandler<HotAddCommand, HotAddOutcome & { position: bigint | null }> {
  private readonly logger = new Logger(HotAddHandler.name);

  constructor(
    private readonly aggregates: Aggregates,
    private readonly fsrPlanner: FsrPlanner,
    private readonly store: AggregateStore,
    private readonly diskFiles: DiskFiles,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
    @Inject(CONTROL_PLANE_SETTINGS) private readonly settings: ControlPlaneSettings,
    @Inject(IDS) private readonly ids: Ids,
  ) {}

  execute({ vmId, request, precondition, context }: HotAddCommand) {
    return retryOnConflict(async () => {
      const loaded = await this.aggregates.vm(vmId);
      if (!loaded.state.exists) throw new VmNotFoundError(vmId);
      // Checked here too: a request that turns out to change nothing appends nothing, yet a stale If-Match must still be refused.
      assertPrecondition(streams.vm(vmId), loaded, precondition);
      const vm = { state: requireVm(loaded.state), version: loaded.version };
      const host = await this.aggregates.existingHost(vm.state.hostId);
      const plan = planHotAdd(vm.state, host.state, request, {
        newDiskId: () => this.ids.next(),
        newNicId: () => this.ids.next(),
        diskFileName: (diskId) => diskFileName(vmId, diskId),
      });
      const datastoreAppends = await this.allocateAddedDisks(vmId, plan);
      const vmSubjects = [subjects.vm(vmId), subjects.host(vm.state.hostId)];
      if (plan.disruption === 'none') return { kind: 'reconfigured' as const, vmId, position: null };
      if (plan.disruption === 'config-only') {
        const vmEvents = vmDecider.decide({ type: 'reconfigure', hardware: plan.target }, vm.state);
        const added = await this.createAddedDisks(vm.state.hostId, vmId, plan);
        try {
          const recorded = await this.store.append(
            [appendTo(streams.vm(vmId), vm, vmEvents, vmSubjects, precondition.expectedVersion), ...datastoreAppends],
            context,
          );
          return { kind: 'reconfigured' as const, vmId, position: lastPosition(recorded) };
        } catch (error) {
          // Lost a race (the retry plans new disk ids) or refused: this attempt's files belong to no disk. An
          // unreachable store may have taken the append, so its files stay.
          if (!(error instanceof EventStoreUnavailableError)) {
            await this.agents.deleteDisks(vm.state.hostId, { vmId, disks: added }).catch((failure: unknown) => {
              this.logger.warn(`disks ${added.map((disk) => disk.path).join(', ')} belong to no VM and stay: ${String(failure)}`);
            });
          }
          throw error;
        }
      }
      return this.requestSwitchover(vm, host, plan, request, datastoreAppends, precondition.expectedVersion, context);
    }, precondition.expectedVersion, streams.vm(vmId));
  }

  private async requestSwitchover(
    vm: Loaded<ExistingVm>,
    host: Loaded<ExistingHost>,
    plan: HotAddPlan,
    request: HotAddCommand['request'],
    datastoreAppends: StreamAppend[],
    clientExpectedVersion: number | undefined,
    context: CommandContext,
  ) {
    const { vmId, hostId } = vm.state;
    const fsr = await this.fsrPlanner.plan(plan.source, host.state, request.mode ?? 'distributed');
    const slaMs = this.settings.stunSlaMs;
    if (request.rejectIfPredictedOverSla && fsr.prediction.predictedStunMs > slaMs) {
      throw new StunSlaWouldBeExceededError(fsr.prediction.predictedStunMs, slaMs);
    }
    const operationId = this.ids.next();
    const operationEvents = operationDecider.decide(
      {
        type: 'request',
        operationId,
        kind: 'hot-add',
        vmId,
        hostId,
        mode: fsr.mode,
        source: plan.source,
        target: plan.target,
        segments: fsr.segments,
        totalPFrames: fsr.totalPFrames,
        predictedStunMs: fsr.prediction.predictedStunMs,
        slaMs,
      },
      (await this.aggregates.operation(operationId)).state,
    );
    const vmEvents = vmDecider.decide({ type: 'start-operation', operationId, kind: 'hot-add' }, vm.state);
    const hostEvents = hostDecider.decide(
      { type: 'commit-vm-memory', vmId, memoryMiB: plan.target.memoryMiB, operationId },
      host.state,
    );
    const opSubjects = [subjects.operation(operationId), subjects.vm(vmId), subjects.host(hostId)];
    const recorded = await this.store.append(
      [
        appendNew(streams.operation(operationId), operationEvents, opSubjects),
        appendTo(streams.vm(vmId), vm, vmEvents, opSubjects, clientExpectedVersion),
        appendTo(streams.host(hostId), host, hostEvents, opSubjects),
        ...datastoreAppends.map((append) => ({ ...append, subjects: [...(append.subjects ?? []), subjects.operation(operationId)] })),
      ],
      context,
    );
    return { kind: 'operation' as const, operationId, position: lastPosition(recorded) };
  }

  private async allocateAddedDisks(vmId: string, plan: HotAddPlan): Promise<StreamAppend[]> {
    const byDatastore = new Map<string, HotAddPlan['addedDisks'][number][]>();
    for (const disk of plan.addedDisks) byDatastore.set(disk.datastoreId, [...(byDatastore.get(disk.datastoreId) ?? []), disk]);
    return Promise.all(
      [...byDatastore].map(async ([datastoreId, disks]) => {
        const datastore = await this.aggregates.datastore(datastoreId);
        const events = decideAll(
          datastoreDecider,
          datastore.state,
          disks.map((disk) => ({ type: 'allocate-space' as const, vmId, diskId: disk.diskId, sizeMiB: disk.sizeMiB })),
        );
        return appendTo(streams.datastore(datastoreId), datastore, events, [subjects.datastore(datastoreId), subjects.vm(vmId)]);
      }),
    );
  }

  private async createAddedDisks(hostId: string, vmId: string, plan: HotAddPlan) {
    if (plan.addedDisks.length === 0) return [];
    const disks = await this.diskFiles.of(plan.addedDisks);
    await this.agents.createDisks(hostId, { vmId, disks });
    return disks;
  }
}
