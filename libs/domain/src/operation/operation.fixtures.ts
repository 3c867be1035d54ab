import { crc32Hex, totalChecksum } from '../fsr/checksum';
import { SegmentResult } from '../fsr/segment';
import { hardware } from '../vm/vm.fixtures';
import { RequestOperation } from './operation.commands';
import { fold } from '../shared/decider';
import { OperationEvent, OperationPhase } from './operation.events';
import { requireOperation } from './operation-state';
import { operationDecider } from './operation';

export const operationId = 'op-1';
export const request: RequestOperation = {
  type: 'request',
  operationId,
  kind: 'hot-add',
  vmId: 'vm-1',
  hostId: 'host-1',
  mode: 'distributed',
  source: hardware,
  target: { ...hardware, vcpus: 4 },
  segments: [
    { index: 0, partition: 0, ppnStart: 0, ppnCount: 6 },
    { index: 1, partition: 1, ppnStart: 6, ppnCount: 5 },
  ],
  totalPFrames: 11,
  predictedStunMs: 3,
  slaMs: 1000,
};
const { type: _type, ...requestData } = request;
export const requested: OperationEvent = { type: 'operation.requested', data: requestData };
export const phaseStarted = (phase: OperationPhase, startedAt: string): OperationEvent => ({
  type: 'operation.phase-started',
  data: { operationId, phase, startedAt },
});
export const switchoverStarted = (epoch = 1): OperationEvent => ({ type: 'operation.switchover-started', data: { operationId, epoch } });

const checksumOf = (index: number) => crc32Hex(new Uint8Array([index, 42]));
export const segmentResult = (index: number, checksum = checksumOf(index)): SegmentResult => ({
  index,
  startedAt: 1_000 + index,
  endedAt: 1_002 + index,
  checksum,
  sourceChecksum: checksumOf(index),
  attempts: 1,
});
export const goodTotal = totalChecksum([
  { checksum: checksumOf(0), bytes: 6 * 4 },
  { checksum: checksumOf(1), bytes: 5 * 4 },
]);
export const suspendedAt = Date.UTC(2025, 0, 1);
export const switchoverReport = (overrides: { resumedAt?: number; checksum?: string; segments?: SegmentResult[] } = {}) =>
  ({
    type: 'record-switchover',
    segments: overrides.segments ?? [segmentResult(1), segmentResult(0)],
    suspendedAt,
    resumedAt: overrides.resumedAt ?? suspendedAt + 12.5,
    checksum: overrides.checksum ?? goodTotal,
    transferMs: 4.25,
  }) as const;
export const switchedOver = (stunMs = 12.5, slaBreached = false): OperationEvent => ({
  type: 'operation.switched-over',
  data: {
    operationId,
    suspendedAt: new Date(suspendedAt).toISOString(),
    resumedAt: new Date(suspendedAt + stunMs).toISOString(),
    stunMs,
    transferMs: 4.25,
    checksum: goodTotal,
    slaBreached,
  },
});
export const segmentCompleted = (index: number): OperationEvent => ({
  type: 'operation.segment-completed',
  data: { operationId, segment: segmentResult(index), partition: index },
});
export const cause = { code: 'HOST_AGENT_UNAVAILABLE', message: 'no answer' };
export const succeeded: OperationEvent = { type: 'operation.succeeded', data: { operationId } };
export const failed: OperationEvent = { type: 'operation.failed', data: { operationId, cause } };
export const rolledBack: OperationEvent = { type: 'operation.rolled-back', data: { operationId, cause, stunMs: 20 } };
export const cancelled: OperationEvent = { type: 'operation.cancelled', data: { operationId, by: 'alice' } };

/** The operation after these events, which begin with its request. */
export const operationAfter = (events: readonly OperationEvent[]) => requireOperation(fold(operationDecider, events));
