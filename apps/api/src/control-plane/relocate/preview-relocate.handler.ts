import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DatastoreNotFoundError, datastoreDecider, planRelocation, PredictionBasis } from '@fsr/domain';
import { Aggregates, CONTROL_PLANE_SETTINGS, ControlPlaneSettings, FsrPlanner, decideAll } from '@fsr/application';
import { PreviewRelocateQuery } from './relocate.command';

export interface RelocatePreview {
  readonly disruption: 'config-only' | 'fsr';
  readonly predictedStunMs: number;
  readonly predictionBasis: PredictionBasis | null;
  readonly predictionSamples: number;
  readonly segments: number;
  readonly mode: 'distributed' | 'legacy';
  readonly totalBytes: number;
  readonly slaMs: number;
  readonly wouldExceedSla: boolean;
}

/** The dry run of a relocation: the same checks and prediction, nothing recorded. */
@QueryHandler(PreviewRelocateQuery)
export class PreviewRelocateHandler implements IQueryHandler<PreviewRelocateQuery, RelocatePreview> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly fsrPlanner: FsrPlanner,
    @Inject(CONTROL_PLANE_SETTINGS) private readonly settings: ControlPlaneSettings,
  ) {}

  async execute({ vmId, request }: PreviewRelocateQuery): Promise<RelocatePreview> {
    const vm = await this.aggregates.existingVm(vmId);
    const plan = planRelocation(vm.state, request.datastoreId);
    const target = await this.aggregates.datastore(plan.targetDatastoreId);
    if (!target.state.exists) throw new DatastoreNotFoundError(plan.targetDatastoreId);
    decideAll(
      datastoreDecider,
      target.state,
      plan.movedDisks.map((disk) => ({ type: 'allocate-space' as const, vmId, diskId: disk.diskId, sizeMiB: disk.sizeMiB })),
    );
    const mode = request.mode ?? 'distributed';
    const slaMs = this.settings.stunSlaMs;
    const base = { mode, totalBytes: plan.totalBytes, slaMs };
    if (plan.disruption === 'config-only') return { ...base, disruption: 'config-only', predictedStunMs: 0, predictionBasis: null, predictionSamples: 0, segments: 0, wouldExceedSla: false };
    const host = await this.aggregates.existingHost(vm.state.hostId);
    const fsr = await this.fsrPlanner.plan(plan.source, host.state, mode);
    const { predictedStunMs, basis, samples } = fsr.prediction;
    return {
      ...base,
      disruption: 'fsr',
      predictedStunMs,
      predictionBasis: basis,
      predictionSamples: samples,
      segments: fsr.segments.length,
      wouldExceedSla: predictedStunMs > slaMs,
    };
  }
}
