import { PFRAME_ENTRY_BYTES, totalChecksum } from '../fsr/checksum';
import { RecordSwitchover } from './operation.commands';
import { OperationChecksumMismatchError, OperationSegmentsMismatchError } from './operation.errors';
import { OperationEvent } from './operation.events';
import { ExistingOperation } from './operation-state';

const toIso = (epochMs: number) => new Date(epochMs).toISOString();
const roundToMicroseconds = (ms: number) => Math.round(ms * 1000) / 1000;

/** Accepts the host agent's report only if every planned segment arrived and the copy equals its source. */
export function recordSwitchover(command: RecordSwitchover, state: ExistingOperation): OperationEvent[] {
  const { operationId } = state;
  const results = [...command.segments].sort((a, b) => a.index - b.index);
  const planned = state.segments.map((segment) => segment.index);
  const reported = results.map((result) => result.index);
  if (planned.length !== reported.length || planned.some((index, i) => reported[i] !== index)) {
    throw new OperationSegmentsMismatchError(operationId, planned, reported);
  }
  const mismatchedSegments = results.filter((result) => result.checksum !== result.sourceChecksum).map((r) => r.index);
  const bytesOf = new Map(state.segments.map((segment) => [segment.index, segment.ppnCount * PFRAME_ENTRY_BYTES]));
  const expectedTotal = totalChecksum(results.map((result) => ({ checksum: result.sourceChecksum, bytes: bytesOf.get(result.index) ?? 0 })));
  if (mismatchedSegments.length > 0 || command.checksum !== expectedTotal) {
    throw new OperationChecksumMismatchError(operationId, { mismatchedSegments, expectedTotal, reportedTotal: command.checksum });
  }
  const partitionOf = new Map(state.segments.map((segment) => [segment.index, segment.partition]));
  const stunMs = roundToMicroseconds(command.resumedAt - command.suspendedAt);
  return [
    ...results.map(
      (segment): OperationEvent => ({
        type: 'operation.segment-completed',
        data: { operationId, segment, partition: partitionOf.get(segment.index) ?? segment.index },
      }),
    ),
    {
      type: 'operation.switched-over',
      data: {
        operationId,
        suspendedAt: toIso(command.suspendedAt),
        resumedAt: toIso(command.resumedAt),
        stunMs,
        transferMs: command.transferMs,
        checksum: command.checksum,
        slaBreached: stunMs > state.slaMs,
        ...(command.disks ? { disks: [...command.disks] } : {}),
      },
    },
  ];
}
