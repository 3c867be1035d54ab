import type { OperationDto } from '@fsr/infrastructure';
import { serviceOf, taskInfo } from './task-info';

const hardware = { vcpus: 2, coresPerSocket: 1, memoryMiB: 1024, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [], nics: [] };
const operation = (over: Partial<OperationDto>): OperationDto =>
  ({
    id: 'op-1',
    kind: 'hot-add',
    vmId: 'uuid-1',
    hostId: 'host-1',
    state: 'running',
    phase: 'pframe-transfer',
    mode: 'distributed',
    progress: { done: 50, total: 200, unit: 'pframes' },
    phases: [],
    predictedStunMs: 10,
    stunMs: null,
    slaMs: 1000,
    slaBreached: null,
    segments: [],
    checksum: null,
    source: hardware,
    target: { ...hardware, vcpus: 4 },
    version: 3,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:01.000Z',
    ...over,
  });

describe('taskInfo', () => {
  it('shows a running hot add as a RUNNING cpu update, its progress naming the phase, not cancelable inside the switch-over', () => {
    expect(taskInfo(operation({}), 'vm-1001', 'ops (operator:1a2b3c4d)')).toEqual({
      description: expect.objectContaining({ id: 'fsr.operation.hot-add', args: ['vm-1001', 'op-1'] }),
      service: 'com.vmware.vcenter.vm.hardware.cpu',
      operation: 'update',
      status: 'RUNNING',
      cancelable: false,
      progress: { total: 100, completed: 25, message: { id: 'fsr.phase.pframe-transfer', default_message: 'pframe-transfer: 50 of 200 pframes', args: ['pframe-transfer'] } },
      target: { type: 'VirtualMachine', id: 'vm-1001' },
      start_time: '2026-12-01T10:00:00.000Z',
      user: 'ops (operator:1a2b3c4d)',
    });
  });

  it('is PENDING without a start time while queued, and cancelable', () => {
    const info = taskInfo(operation({ state: 'queued', phase: null }), 'vm-1001', undefined);
    expect(info).toMatchObject({ status: 'PENDING', cancelable: true });
    expect(info).not.toHaveProperty('start_time');
    expect(info).not.toHaveProperty('user');
  });

  it('ends SUCCEEDED at 100 %, or FAILED with the reason for failed, cancelled and rolled-back operations', () => {
    expect(taskInfo(operation({ state: 'succeeded', phase: null }), 'vm-1', undefined)).toMatchObject({ status: 'SUCCEEDED', progress: { completed: 100 }, end_time: '2026-12-01T10:00:01.000Z' });
    const failed = taskInfo(operation({ state: 'failed', error: { code: 'CHECKSUM_MISMATCH', message: 'segment 3 differs' } }), 'vm-1', undefined);
    expect(failed).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/segment 3 differs/), cancelable: false });
    expect(taskInfo(operation({ state: 'cancelled' }), 'vm-1', undefined)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/cancelled/) });
    expect(taskInfo(operation({ state: 'rolled-back', error: { code: 'CONTROL_PLANE_RESTARTED', message: 'restart' } }), 'vm-1', undefined).status).toBe('FAILED');
  });
});

describe('serviceOf', () => {
  it('names the call that started the operation', () => {
    expect(serviceOf(operation({ kind: 'relocate' }))).toEqual({ service: 'com.vmware.vcenter.vm', operation: 'relocate' });
    expect(serviceOf(operation({ target: { ...hardware, memoryMiB: 2048 } })).service).toBe('com.vmware.vcenter.vm.hardware.memory');
    const disk = { diskId: 'd', sizeMiB: 1, datastoreId: 'ds', fileName: 'd.vmdk' };
    expect(serviceOf(operation({ target: { ...hardware, disks: [disk] } }))).toEqual({ service: 'com.vmware.vcenter.vm.hardware.disk', operation: 'create' });
  });
});
