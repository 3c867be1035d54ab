import { HostState, SegmentPlan, StunPrediction, TransferMode, VmHardware, pagesForMiB, planSegments, predictStunMs } from '@fsr/domain';

export interface FsrPlan {
  readonly mode: TransferMode;
  readonly segments: SegmentPlan[];
  readonly totalPFrames: number;
  readonly prediction: StunPrediction;
}

/** The source's PFrames split one segment per source vCPU (or one, in legacy mode), and the stun it predicts on this host. */
export function planFsr(source: VmHardware, host: HostState, mode: TransferMode): FsrPlan {
  const totalPFrames = pagesForMiB(source.memoryMiB);
  const segments = planSegments(totalPFrames, source.vcpus, mode);
  const prediction = predictStunMs({
    totalPFrames,
    segments: segments.length,
    workerThreads: host.capacity.workerThreads,
    pframesPerSecondPerThread: host.capacity.pframesPerSecondPerThread,
  });
  return { mode, segments, totalPFrames, prediction };
}
