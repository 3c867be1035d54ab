import { deciderSpecification } from '../../../testing/src/decider-specification';
import { operationDecider } from './operation';
import { OperationEvent } from './operation.events';
import { operationAfter, operationId, request } from './operation.fixtures';

const relocation = { sourceDatastoreId: 'ds-a', targetDatastoreId: 'ds-b', totalBytes: 1000, maxCopyMiBps: null, cold: false };
const { type: _type, ...data } = request;
const requested: OperationEvent = { type: 'operation.requested', data: { ...data, kind: 'relocate', relocation } };
const progressed = (copiedBytes: number): OperationEvent => ({
  type: 'operation.disk-copy-progressed',
  data: { operationId, copiedBytes, totalBytes: 1000, bytesPerSecond: 10 },
});
const spec = deciderSpecification(operationDecider);

describe('operation decider: the disk copy of a relocation', () => {
  it('records progress only when it moves forward, capped at the total', () => {
    spec.given([requested]).when({ type: 'record-disk-copy-progress', copiedBytes: 400, bytesPerSecond: 10 }).then([progressed(400)]);
    spec.given([requested, progressed(400)]).when({ type: 'record-disk-copy-progress', copiedBytes: 300, bytesPerSecond: 10 }).then([]);
    spec.given([requested]).when({ type: 'record-disk-copy-progress', copiedBytes: 5000, bytesPerSecond: 10 }).then([progressed(1000)]);
  });

  it('records the converged copy once; late progress after it is ignored', () => {
    const copied: OperationEvent = {
      type: 'operation.disks-copied',
      data: { operationId, bytes: 1000, durationMs: 100, bytesPerSecond: 10_000, mirroredWrites: 3 },
    };
    const command = { type: 'record-disks-copied', bytes: 1000, durationMs: 100, bytesPerSecond: 10_000, mirroredWrites: 3 } as const;
    spec.given([requested, progressed(400)]).when(command).then([copied]);
    spec.given([requested, copied]).when(command).then([]);
    spec.given([requested, copied]).when({ type: 'record-disk-copy-progress', copiedBytes: 999, bytesPerSecond: 1 }).then([]);
    expect(operationAfter([requested, progressed(400), copied])).toMatchObject({
      copiedBytes: 1000,
      disksCopied: { bytes: 1000, durationMs: 100, bytesPerSecond: 10_000, mirroredWrites: 3 },
    });
  });

  it('folds progress into the state as bytes that only grow', () => {
    expect(operationAfter([requested]).copiedBytes).toBe(0);
    expect(operationAfter([requested, progressed(400)]).copiedBytes).toBe(400);
    expect(operationAfter([requested, progressed(400), progressed(300)]).copiedBytes).toBe(400);
  });
});
