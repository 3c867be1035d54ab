import { Inject, Injectable } from '@nestjs/common';
import { ExistingHost, SegmentPlan, StunPrediction, StunSample, TransferMode, VmHardware, pagesForMiB, planSegments, predictStunMs } from '@fsr/domain';
import { STUN_HISTORY, StunHistory } from '../ports/stun-history.port';

export interface FsrPlan {
  readonly mode: TransferMode;
  readonly segments: SegmentPlan[];
  readonly totalPFrames: number;
  readonly prediction: StunPrediction;
}

/** How many of a host's switch-overs a prediction looks at: enough for every size it commonly runs. */
export const STUN_HISTORY_DEPTH = 64;

/** The source's PFrames split one segment per source vCPU (or one, in legacy mode), and the stun it predicts on this host. */
export function planFsr(source: VmHardware, host: ExistingHost, mode: TransferMode, history: readonly StunSample[] = []): FsrPlan {
  const totalPFrames = pagesForMiB(source.memoryMiB);
  const segments = planSegments(totalPFrames, source.vcpus, mode);
  const prediction = predictStunMs({
    totalPFrames,
    segments: segments.length,
    workerThreads: host.capacity.workerThreads,
    pframesPerSecondPerThread: host.capacity.pframesPerSecondPerThread,
    history,
  });
  return { mode, segments, totalPFrames, prediction };
}

/** Plans a switch-over with the host's own recent stuns in hand. */
@Injectable()
export class FsrPlanner {
  constructor(@Inject(STUN_HISTORY) private readonly history: StunHistory) {}

  async plan(source: VmHardware, host: ExistingHost, mode: TransferMode): Promise<FsrPlan> {
    return planFsr(source, host, mode, await this.history.recentStuns(host.hostId, mode, STUN_HISTORY_DEPTH));
  }
}
