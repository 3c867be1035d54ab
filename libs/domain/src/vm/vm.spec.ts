import { deciderSpecification } from '../../../testing/src/decider-specification';
import { fold } from '../shared/decider';
import { requireVm, vmDecider } from './vm';
import {
  VmAlreadyExistsError,
  VmBusyError,
  VmInvalidHardwareError,
  VmInvalidPowerStateError,
  VmInvalidWorkloadError,
  VmNotFoundError,
  VmOperationNotActiveError,
} from './vm.errors';
import { VmEvent } from './vm.events';
import { hardware, vmCreated, vmId, vmOperationStarted, vmPoweredOff, vmPoweredOn, vmReconfigured } from './vm.fixtures';

const spec = deciderSpecification(vmDecider);
const deleted: VmEvent = { type: 'vm.deleted', data: { vmId } };
const workload = { diskWriteMiBps: 5, pageRemapsPerSec: 1000 };
const workloadSet = (w: typeof workload | null): VmEvent => ({ type: 'vm.workload-set', data: { vmId, workload: w } });
const create = { type: 'create', vmId, name: 'web', hostId: 'host-1', datastoreId: 'ds-1', hardware } as const;

describe('VM decider', () => {
  it('knows nothing of a VM never created: its state holds no VM, whatever else its stream holds, and only a create is decided', () => {
    expect(vmDecider.initialState).toEqual({ exists: false });
    expect(fold(vmDecider, [vmPoweredOn()])).toEqual({ exists: false });
    expect(() => vmDecider.decide({ type: 'delete' }, vmDecider.initialState)).toThrow(expect.objectContaining({ code: 'VM_NOT_FOUND' }));
  });

  describe('create', () => {
    it('creates a powered-off VM', () => {
      spec.given([]).when(create).then([vmCreated()]);
      expect(fold(vmDecider, [vmCreated()])).toMatchObject({ exists: true, powerState: 'poweredOff', hardware });
    });
    it('rejects an existing or deleted VM', () => {
      spec.given([vmCreated()]).when(create).thenThrows(VmAlreadyExistsError);
      spec.given([vmCreated(), deleted]).when(create).thenThrows(VmAlreadyExistsError);
    });
    it.each([
      ['no vCPU', { vcpus: 0 }, 'vcpus'],
      ['vCPUs not a multiple of cores per socket', { vcpus: 3, coresPerSocket: 2 }, 'coresPerSocket'],
      ['memory not a multiple of 4', { memoryMiB: 1022 }, 'memoryMiB'],
      ['too little memory', { memoryMiB: 0 }, 'memoryMiB'],
      ['no disk', { disks: [] }, 'at least one disk'],
      ['an empty disk', { disks: [{ ...hardware.disks[0], sizeMiB: 0 }] }, 'disks[0].sizeMiB'],
      ['a NIC without a network', { nics: [{ nicId: 'nic-1', network: ' ' }] }, 'nics[0].network'],
    ])('rejects %s', (_case, change, violation) => {
      const error = spec.given([]).when({ ...create, hardware: { ...hardware, ...change } }).thenThrows(VmInvalidHardwareError);
      expect(error).toMatchObject({ code: 'INVALID_HARDWARE', kind: 'invalid' });
      expect((error.details?.violations as string[]).join()).toContain(violation);
    });
  });

  describe('delete', () => {
    it('deletes a powered-off VM', () => {
      spec.given([vmCreated()]).when({ type: 'delete' }).then([deleted]);
    });
    it('rejects a powered-on VM', () => {
      const error = spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'delete' }).thenThrows(VmInvalidPowerStateError);
      expect(error).toMatchObject({ code: 'VM_INVALID_POWER_STATE', kind: 'conflict', details: { required: 'poweredOff' } });
    });
    it('rejects a busy VM', () => {
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'delete' }).thenThrows(VmBusyError);
    });
    it('rejects a missing or deleted VM', () => {
      const error = spec.given([]).when({ type: 'delete' }).thenThrows(VmNotFoundError);
      expect(error).toMatchObject({ code: 'VM_NOT_FOUND', kind: 'not-found' });
      spec.given([vmCreated(), deleted]).when({ type: 'delete' }).thenThrows(VmNotFoundError);
    });
  });

  describe('power-on and power-off', () => {
    it('powers on with the current memory', () => {
      spec.given([vmCreated()]).when({ type: 'power-on', hostId: 'host-1' }).then([vmPoweredOn()]);
      expect(requireVm(fold(vmDecider, [vmCreated(), vmPoweredOn()])).powerOnMemoryMiB).toBe(hardware.memoryMiB);
    });
    it('powers off', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'power-off', reason: 'user' }).then([vmPoweredOff]);
    });
    it('rejects powering on a powered-on VM and off a powered-off one', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'power-on', hostId: 'host-1' }).thenThrows(VmInvalidPowerStateError);
      spec.given([vmCreated()]).when({ type: 'power-off', reason: 'user' }).thenThrows(VmInvalidPowerStateError);
    });
    it('rejects a user power change while an operation runs', () => {
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'power-on', hostId: 'host-1' }).thenThrows(VmBusyError);
      spec.given([vmCreated(), vmPoweredOn(), vmOperationStarted()]).when({ type: 'power-off', reason: 'user' }).thenThrows(VmBusyError);
    });
    it('records a host failure even while an operation runs', () => {
      spec.given([vmCreated(), vmPoweredOn(), vmOperationStarted()])
        .when({ type: 'power-off', reason: 'host-failure' })
        .then([{ type: 'vm.powered-off', data: { vmId, hostId: 'host-1', reason: 'host-failure' } }]);
    });
    it('rejects a missing VM', () => {
      spec.given([]).when({ type: 'power-on', hostId: 'host-1' }).thenThrows(VmNotFoundError);
      spec.given([]).when({ type: 'power-off', reason: 'user' }).thenThrows(VmNotFoundError);
    });
  });

  describe('suspend', () => {
    const suspended: VmEvent = { type: 'vm.suspended', data: { vmId, hostId: 'host-1' } };
    it('suspends a powered-on VM, stopping its workload', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'suspend' }).then([suspended]);
      const state = fold(vmDecider, [vmCreated(), vmPoweredOn(), workloadSet(workload), suspended]);
      expect(state).toMatchObject({ powerState: 'suspended', workload: null });
    });
    it('resumes with power-on and powers off from suspended', () => {
      spec.given([vmCreated(), vmPoweredOn(), suspended]).when({ type: 'power-on', hostId: 'host-1' }).then([vmPoweredOn()]);
      spec.given([vmCreated(), vmPoweredOn(), suspended]).when({ type: 'power-off', reason: 'user' }).then([vmPoweredOff]);
    });
    it('refuses to suspend a powered-off or suspended VM, or one busy with an operation', () => {
      spec.given([vmCreated()]).when({ type: 'suspend' }).thenThrows(VmInvalidPowerStateError);
      spec.given([vmCreated(), vmPoweredOn(), suspended]).when({ type: 'suspend' }).thenThrows(VmInvalidPowerStateError);
      spec.given([vmCreated(), vmPoweredOn(), vmOperationStarted()]).when({ type: 'suspend' }).thenThrows(VmBusyError);
    });
    it('refuses to delete a suspended VM', () => {
      spec.given([vmCreated(), vmPoweredOn(), suspended]).when({ type: 'delete' }).thenThrows(VmInvalidPowerStateError);
    });
  });

  describe('reconfigure', () => {
    const bigger = { ...hardware, vcpus: 4, memoryMiB: 2048 };
    it('edits a powered-off VM', () => {
      spec.given([vmCreated()]).when({ type: 'reconfigure', hardware: bigger }).then([vmReconfigured(bigger)]);
    });
    it('edits a powered-on VM through its active operation', () => {
      spec.given([vmCreated(), vmPoweredOn(), vmOperationStarted('op-1')])
        .when({ type: 'reconfigure', hardware: bigger, operationId: 'op-1' })
        .then([vmReconfigured(bigger, 'op-1')]);
    });
    it('does nothing when the hardware is unchanged', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'reconfigure', hardware: { ...hardware } }).then([]);
    });
    it('follows its first disk to another datastore', () => {
      const moved = { ...hardware, disks: [{ ...hardware.disks[0], datastoreId: 'ds-2' }] };
      expect(requireVm(fold(vmDecider, [vmCreated(), vmReconfigured(moved)])).datastoreId).toBe('ds-2');
    });
    it('rejects a powered-on VM without an operation', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'reconfigure', hardware: bigger }).thenThrows(VmInvalidPowerStateError);
    });
    it('rejects a busy VM without an operation', () => {
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'reconfigure', hardware: bigger }).thenThrows(VmBusyError);
    });
    it('rejects an operation that is not the active one', () => {
      const error = spec
        .given([vmCreated(), vmPoweredOn(), vmOperationStarted('op-1')])
        .when({ type: 'reconfigure', hardware: bigger, operationId: 'op-2' })
        .thenThrows(VmOperationNotActiveError);
      expect(error).toMatchObject({ code: 'VM_OPERATION_NOT_ACTIVE', kind: 'conflict' });
    });
    it('rejects invalid hardware and a missing VM', () => {
      spec.given([vmCreated()]).when({ type: 'reconfigure', hardware: { ...bigger, memoryMiB: 3 } }).thenThrows(VmInvalidHardwareError);
      spec.given([]).when({ type: 'reconfigure', hardware: bigger }).thenThrows(VmNotFoundError);
    });
  });

  describe('operations', () => {
    it('starts an operation, idempotently', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'start-operation', operationId: 'op-1', kind: 'hot-add' }).then([vmOperationStarted()]);
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'start-operation', operationId: 'op-1', kind: 'hot-add' }).then([]);
    });
    it('rejects a second operation with the running one in the details', () => {
      const error = spec
        .given([vmCreated(), vmOperationStarted('op-1')])
        .when({ type: 'start-operation', operationId: 'op-2', kind: 'relocate' })
        .thenThrows(VmBusyError);
      expect(error).toMatchObject({ code: 'VM_BUSY', kind: 'conflict', details: { operationId: 'op-1' } });
    });
    it('ends the active operation and ignores any other', () => {
      const ended: VmEvent = { type: 'vm.operation-ended', data: { vmId, operationId: 'op-1', outcome: 'succeeded' } };
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'end-operation', operationId: 'op-1', outcome: 'succeeded' }).then([ended]);
      spec.given([vmCreated(), vmOperationStarted()]).when({ type: 'end-operation', operationId: 'op-2', outcome: 'failed' }).then([]);
      expect(requireVm(fold(vmDecider, [vmCreated(), vmOperationStarted(), ended])).activeOperation).toBeNull();
    });
    it('rejects a missing VM', () => {
      spec.given([]).when({ type: 'start-operation', operationId: 'op-1', kind: 'hot-add' }).thenThrows(VmNotFoundError);
      spec.given([]).when({ type: 'end-operation', operationId: 'op-1', outcome: 'failed' }).thenThrows(VmNotFoundError);
    });
  });

  describe('set-workload', () => {
    it('sets and clears the workload of a powered-on VM', () => {
      spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'set-workload', workload }).then([workloadSet(workload)]);
      spec.given([vmCreated(), vmPoweredOn(), workloadSet(workload)]).when({ type: 'set-workload', workload: null }).then([workloadSet(null)]);
    });
    it('does nothing when the workload is unchanged', () => {
      spec.given([vmCreated(), vmPoweredOn(), workloadSet(workload)]).when({ type: 'set-workload', workload: { ...workload } }).then([]);
      spec.given([vmCreated()]).when({ type: 'set-workload', workload: null }).then([]);
    });
    it('stops the workload when the VM powers off', () => {
      expect(requireVm(fold(vmDecider, [vmCreated(), vmPoweredOn(), workloadSet(workload), vmPoweredOff])).workload).toBeNull();
    });
    it('rejects a workload on a powered-off VM', () => {
      spec.given([vmCreated()]).when({ type: 'set-workload', workload }).thenThrows(VmInvalidPowerStateError);
    });
    it('rejects negative rates', () => {
      const error = spec
        .given([vmCreated(), vmPoweredOn()])
        .when({ type: 'set-workload', workload: { ...workload, diskWriteMiBps: -1 } })
        .thenThrows(VmInvalidWorkloadError);
      expect(error).toMatchObject({ code: 'INVALID_WORKLOAD', kind: 'invalid' });
    });
    it('rejects a missing VM', () => {
      spec.given([]).when({ type: 'set-workload', workload: null }).thenThrows(VmNotFoundError);
    });
  });
});
