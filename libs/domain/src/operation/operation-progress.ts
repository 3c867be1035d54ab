import { ExistingOperation } from './operation-state';

export interface OperationProgress {
  readonly done: number;
  readonly total: number;
  readonly unit: 'pframes' | 'bytes';
}

/** PFrames of the completed segments; results are only ever added, so this never goes backwards. */
export function operationProgress(state: ExistingOperation): OperationProgress {
  if (state.relocation) return diskCopyProgress(state);
  const total = state.totalPFrames;
  if (state.status === 'succeeded') return { done: total, total, unit: 'pframes' };
  const sizeOf = new Map(state.segments.map((segment) => [segment.index, segment.ppnCount]));
  const completed = state.segmentResults.reduce((sum, result) => sum + (sizeOf.get(result.index) ?? 0), 0);
  return { done: Math.min(completed, total), total, unit: 'pframes' };
}

/** Relocations: bytes of the live disk copy, which only ever grow. */
function diskCopyProgress(state: ExistingOperation): OperationProgress {
  const total = state.relocation?.totalBytes ?? 0;
  const done = state.status === 'succeeded' ? total : Math.min(state.copiedBytes, total);
  return { done, total, unit: 'bytes' };
}
