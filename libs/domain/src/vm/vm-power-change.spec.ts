import { deciderSpecification } from '../../../testing/src/decider-specification';
import { fold } from '../shared/decider';
import { vmDecider } from './vm';
import { VmBusyError, VmInvalidPowerStateError } from './vm.errors';
import { VmEvent } from './vm.events';
import { vmCreated, vmId, vmOperationStarted, vmPoweredOn } from './vm.fixtures';

const spec = deciderSpecification(vmDecider);
const started = (action: 'on' | 'off', changeId = 'power-1'): VmEvent => ({ type: 'vm.power-change-started', data: { vmId, hostId: 'host-1', changeId, action } });
const abandoned: VmEvent = { type: 'vm.power-change-abandoned', data: { vmId, changeId: 'power-1', reason: 'agent refused' } };

describe('VM decider: a power change is taken before the host acts', () => {
  it('takes a powered-off VM for a power-on, and the power event that ends it frees the VM', () => {
    spec.given([vmCreated()]).when({ type: 'start-power-change', changeId: 'power-1', action: 'on' }).then([started('on')]);
    expect(fold(vmDecider, [vmCreated(), started('on')])).toMatchObject({ powerState: 'poweredOff', powerChange: { changeId: 'power-1', action: 'on' } });
    expect(fold(vmDecider, [vmCreated(), started('on'), vmPoweredOn()])).toMatchObject({ powerState: 'poweredOn', powerChange: null });
    expect(fold(vmDecider, [vmCreated(), started('on'), abandoned])).toMatchObject({ powerState: 'poweredOff', powerChange: null });
  });
  it('refuses a second change, an operation, a workload or a delete while one is taken', () => {
    spec.given([vmCreated(), started('on')]).when({ type: 'start-power-change', changeId: 'power-2', action: 'on' }).thenThrows(VmBusyError);
    spec.given([vmCreated(), vmPoweredOn(), started('off')]).when({ type: 'start-operation', operationId: 'op-1', kind: 'hot-add' }).thenThrows(VmBusyError);
    spec.given([vmCreated(), vmPoweredOn(), started('off')]).when({ type: 'set-workload', workload: { diskWriteMiBps: 1, pageRemapsPerSec: 0 } }).thenThrows(VmBusyError);
    spec.given([vmCreated(), started('on')]).when({ type: 'delete' }).thenThrows(VmBusyError);
  });
  it('refuses a power-off while an operation runs, and a change to the state the VM is in', () => {
    spec.given([vmCreated(), vmPoweredOn(), vmOperationStarted()]).when({ type: 'start-power-change', changeId: 'power-1', action: 'off' }).thenThrows(VmBusyError);
    spec.given([vmCreated(), vmPoweredOn()]).when({ type: 'start-power-change', changeId: 'power-1', action: 'on' }).thenThrows(VmInvalidPowerStateError);
  });
  it('ends the change with the power event its intent named, or abandons it leaving the VM as it was', () => {
    spec.given([vmCreated(), started('on')]).when({ type: 'power-on', hostId: 'host-1' }).then([vmPoweredOn()]);
    spec.given([vmCreated(), started('on')]).when({ type: 'abandon-power-change', changeId: 'power-1', reason: 'agent refused' }).then([abandoned]);
    spec.given([vmCreated(), started('on'), abandoned]).when({ type: 'start-power-change', changeId: 'power-2', action: 'on' }).then([started('on', 'power-2')]);
    spec.given([vmCreated(), started('on')]).when({ type: 'abandon-power-change', changeId: 'power-9', reason: 'stale' }).then([]);
  });
});
