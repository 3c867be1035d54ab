import { deciderSpecification } from '../../../testing/src/decider-specification';
import { operationDecider } from './operation';
import {
  OperationAlreadyEndedError,
  OperationCancelledError,
  OperationChecksumMismatchError,
  OperationSegmentsMismatchError,
  OperationSwitchoverNotStartedError,
} from './operation.errors';
import { cancelled, failed, goodTotal, requested, segmentCompleted, segmentResult, suspendedAt, switchedOver, switchoverReport, switchoverStarted, operationAfter } from './operation.fixtures';

const spec = deciderSpecification(operationDecider);
const switching = [requested, switchoverStarted(1)];

describe('operation record-switchover', () => {
  it('records every segment in order, then the switch-over with its stun time', () => {
    spec.given(switching).when(switchoverReport()).then([segmentCompleted(0), segmentCompleted(1), switchedOver(12.5, false)]);
  });
  it('flags a stun time over the SLA', () => {
    spec.given(switching)
      .when(switchoverReport({ resumedAt: suspendedAt + 1500 }))
      .then([segmentCompleted(0), segmentCompleted(1), switchedOver(1500, true)]);
  });
  it('keeps the results in the state', () => {
    const state = operationAfter([...switching, segmentCompleted(0), segmentCompleted(1), switchedOver()]);
    expect(state).toMatchObject({ switchover: { stunMs: 12.5, slaBreached: false, checksum: goodTotal, transferMs: 4.25 } });
    expect(state.segmentResults.map((result) => result.index)).toEqual([0, 1]);
  });
  it('ignores a second report', () => {
    spec.given([...switching, segmentCompleted(0), segmentCompleted(1), switchedOver()]).when(switchoverReport()).then([]);
  });
  it('rejects a segment whose copy differs from its source', () => {
    const error = spec
      .given(switching)
      .when(switchoverReport({ segments: [segmentResult(0), segmentResult(1, 'deadbeef')] }))
      .thenThrows(OperationChecksumMismatchError);
    expect(error).toMatchObject({ code: 'CHECKSUM_MISMATCH', details: { mismatchedSegments: [1] } });
  });
  it('rejects a total that is not the combination of the source checksums', () => {
    const error = spec.given(switching).when(switchoverReport({ checksum: '00000000' })).thenThrows(OperationChecksumMismatchError);
    expect(error).toMatchObject({ details: { mismatchedSegments: [], expectedTotal: goodTotal, reportedTotal: '00000000' } });
  });
  it('rejects a report that misses or adds segments', () => {
    spec.given(switching).when(switchoverReport({ segments: [segmentResult(0)] })).thenThrows(OperationSegmentsMismatchError);
    const error = spec
      .given(switching)
      .when(switchoverReport({ segments: [segmentResult(0), segmentResult(1), segmentResult(2)] }))
      .thenThrows(OperationSegmentsMismatchError);
    expect(error).toMatchObject({ code: 'SEGMENTS_MISMATCH', details: { planned: [0, 1], reported: [0, 1, 2] } });
  });
  it('rejects a report before the switch-over started', () => {
    const error = spec.given([requested]).when(switchoverReport()).thenThrows(OperationSwitchoverNotStartedError);
    expect(error).toMatchObject({ code: 'OPERATION_SWITCHOVER_NOT_STARTED', kind: 'conflict' });
  });
  it('rejects a report for a cancelled or ended operation', () => {
    spec.given([requested, cancelled]).when(switchoverReport()).thenThrows(OperationCancelledError);
    spec.given([...switching, failed]).when(switchoverReport()).thenThrows(OperationAlreadyEndedError);
  });
});
