import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { planHotAdd, PredictionBasis, VmWarning, vmWarnings } from '@fsr/domain';
import { Aggregates, CONTROL_PLANE_SETTINGS, ControlPlaneSettings, FsrPlanner } from '@fsr/application';
import { PreviewHotAddQuery } from './hot-add.command';

export interface HotAddPreview {
  readonly disruption: 'none' | 'config-only' | 'fsr';
  readonly predictedStunMs: number;
  readonly predictionBasis: PredictionBasis | null;
  /** The host's switch-overs a learned prediction comes from; 0 otherwise. */
  readonly predictionSamples: number;
  readonly segments: number;
  readonly mode: 'distributed' | 'legacy';
  readonly slaMs: number;
  readonly wouldExceedSla: boolean;
  /** Of the VM as the hot add would leave it. */
  readonly warnings: VmWarning[];
}

/** The dry run of a hot-add: the same rules and prediction, nothing recorded. */
@QueryHandler(PreviewHotAddQuery)
export class PreviewHotAddHandler implements IQueryHandler<PreviewHotAddQuery, HotAddPreview> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly fsrPlanner: FsrPlanner,
    @Inject(CONTROL_PLANE_SETTINGS) private readonly settings: ControlPlaneSettings,
  ) {}

  async execute({ vmId, request }: PreviewHotAddQuery): Promise<HotAddPreview> {
    const vm = await this.aggregates.existingVm(vmId);
    const host = await this.aggregates.existingHost(vm.state.hostId);
    let counter = 0;
    const plan = planHotAdd(vm.state, host.state, request, {
      newDiskId: () => `preview-disk-${counter++}`,
      newNicId: () => `preview-nic-${counter++}`,
      diskFileName: (diskId) => diskId,
    });
    const mode = request.mode ?? 'distributed';
    const slaMs = this.settings.stunSlaMs;
    const warnings = vmWarnings(plan.target, host.state);
    if (plan.disruption !== 'fsr') {
      return { disruption: plan.disruption, predictedStunMs: 0, predictionBasis: null, predictionSamples: 0, segments: 0, mode, slaMs, wouldExceedSla: false, warnings };
    }
    const fsr = await this.fsrPlanner.plan(plan.source, host.state, mode);
    const predictedStunMs = fsr.prediction.predictedStunMs;
    return {
      disruption: 'fsr',
      predictedStunMs,
      predictionBasis: fsr.prediction.basis,
      predictionSamples: fsr.prediction.samples,
      segments: fsr.segments.length,
      mode,
      slaMs,
      wouldExceedSla: predictedStunMs > slaMs,
      warnings,
    };
  }
}
