import { hostCommandsQueue, pframePartitionQueue, CONTROL_PLANE_REPORTS_QUEUE } from '@fsr/contracts';
import { describeQueue } from './queue-description';
import { jobDisplayName } from './job-display-name';

describe('queue dashboard names', () => {
  it('names each queue by host and role, so a person finds the partition of vCPU n', () => {
    expect(describeQueue(pframePartitionQueue('esx-2', 7))).toMatchObject({ displayName: 'esx-2 PFrame partition p07', hostId: 'esx-2', kind: 'pframes' });
    expect(describeQueue(pframePartitionQueue('esx-2', 7)).description).toContain('vCPU 7');
    expect(describeQueue(hostCommandsQueue('esx-2'))).toMatchObject({ displayName: 'esx-2 commands', hostId: 'esx-2', kind: 'commands' });
    expect(describeQueue(CONTROL_PLANE_REPORTS_QUEUE)).toMatchObject({ hostId: null, kind: 'reports' });
    expect(describeQueue('something-else')).toMatchObject({ displayName: 'something-else', kind: 'other' });
  });

  it('lists a segment job by VM, segment and operation, and a command by its type and VM', () => {
    const segmentJob = { name: 'pframe.segment', data: { vmId: 'vm-9', operationId: 'op-1', epoch: 2, segment: { index: 5 } } };
    expect(jobDisplayName(segmentJob)).toBe('vm vm-9 · segment 5 · operation op-1 epoch 2');
    expect(jobDisplayName({ name: 'vm.power-on', data: { vmId: 'vm-9' } })).toBe('vm vm-9 · vm.power-on');
    expect(jobDisplayName({ name: 'host.inspect-memory', data: {} })).toBe('host.inspect-memory');
  });
});
