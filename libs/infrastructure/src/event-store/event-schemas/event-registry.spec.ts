import { requested } from '../../../../domain/src/operation/operation.fixtures';
import { readEventData, UnreadableEventError } from './event-registry';

const switchedOver = (disks: unknown) => ({
  operationId: 'op-1',
  suspendedAt: '2026-12-02T10:00:00.000Z',
  resumedAt: '2026-12-02T10:00:00.004Z',
  stunMs: 4.2,
  transferMs: 3.1,
  checksum: '0badf00d',
  slaBreached: false,
  disks,
});
const read = (data: unknown) => readEventData('operation-op-1', 9, 'operation.switched-over', data);

describe('the disk content hashes of a switched-over event', () => {
  it('reads those recorded today, with BLAKE3', () => {
    const data = switchedOver([{ diskId: 'd-1', blake3: 'ab'.repeat(32) }]);
    expect(read(data)).toEqual(data);
  });

  it('reads those recorded before BLAKE3, with SHA-256, as they were', () => {
    const data = switchedOver([{ diskId: 'd-1', sha256: 'cd'.repeat(32) }]);
    expect(read(data)).toEqual(data);
  });

  it('refuses a disk with no hash at all, naming the event', () => {
    expect(() => read(switchedOver([{ diskId: 'd-1' }]))).toThrow(UnreadableEventError);
    expect(() => read(switchedOver([{ diskId: 'd-1' }]))).toThrow(/event 9 of operation-op-1 \(operation.switched-over\)/);
  });
});

describe('an operation.requested event', () => {
  it('reads one recorded by a test cluster with the fault it was asked for as today\'s shape, without the fault', () => {
    const recorded = { ...requested.data, faultInjection: { segmentIndex: 0, failAttempts: 1, kind: 'stall' } };
    expect(readEventData('operation-op-1', 1, 'operation.requested', recorded)).toEqual(requested.data);
  });
});

describe('a host.disconnected event', () => {
  it('reads one recorded before losses were tracked as a disconnection whose loss is not tracked', () => {
    const recorded = { hostId: 'host-1', agentInstanceId: 'a-1', reason: 'agent-stopped' };
    expect(readEventData('host-host-1', 4, 'host.disconnected', recorded)).toEqual({ ...recorded, lossTracked: false });
    const today = { ...recorded, lossTracked: true };
    expect(readEventData('host-host-1', 4, 'host.disconnected', today)).toEqual(today);
  });
});
