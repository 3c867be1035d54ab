import { fold } from '../shared/decider';
import { MIB } from '../shared/memory-units';
import { requireVm, vmDecider } from '../vm/vm';
import { VmEvent } from '../vm/vm.events';
import { hardware, vmCreated, vmPoweredOn } from '../vm/vm.fixtures';
import { planRelocation } from './relocation-planner';
import { RelocationNoDisksError, RelocationSameDatastoreError } from './relocation.errors';
import { VmInvalidPowerStateError } from '../vm/vm.errors';

const twoDisks = {
  ...hardware,
  disks: [
    { diskId: 'd-1', sizeMiB: 8, datastoreId: 'ds-a', fileName: 'vm-1/d-1.vmdk' },
    { diskId: 'd-2', sizeMiB: 4, datastoreId: 'ds-a', fileName: 'vm-1/d-2.vmdk' },
  ],
};

const vmAfter = (events: VmEvent[]) => requireVm(fold(vmDecider, events));

describe('relocation planner', () => {
  it('moves every disk to the target datastore and counts the bytes', () => {
    const plan = planRelocation(vmAfter([vmCreated(twoDisks), vmPoweredOn()]), 'ds-b');
    expect(plan.disruption).toBe('fsr');
    expect(plan.target.disks.map((disk) => [disk.diskId, disk.datastoreId, disk.fileName])).toEqual([
      ['d-1', 'ds-b', 'vm-1/d-1.vmdk'],
      ['d-2', 'ds-b', 'vm-1/d-2.vmdk'],
    ]);
    expect(plan.totalBytes).toBe(12 * MIB);
    expect(plan.target.memoryMiB).toBe(plan.source.memoryMiB);
  });

  it('refuses a suspended VM', () => {
    const suspended = vmAfter([vmCreated(twoDisks), vmPoweredOn(), { type: 'vm.suspended', data: { vmId: 'vm-1', hostId: 'host-1' } }]);
    expect(() => planRelocation(suspended, 'ds-b')).toThrow(VmInvalidPowerStateError);
  });

  it('is a cold relocation when powered off', () => {
    expect(planRelocation(vmAfter([vmCreated(twoDisks)]), 'ds-b').disruption).toBe('config-only');
  });

  it('refuses the datastore the VM is already on, and a VM without disks', () => {
    expect(() => planRelocation(vmAfter([vmCreated(twoDisks)]), 'ds-a')).toThrow(RelocationSameDatastoreError);
    expect(() => planRelocation(vmAfter([vmCreated({ ...hardware, disks: [] })]), 'ds-b')).toThrow(RelocationNoDisksError);
  });

  it('moves only the disks not already on the target', () => {
    const mixed = { ...twoDisks, disks: [twoDisks.disks[0], { ...twoDisks.disks[1], datastoreId: 'ds-b' }] };
    const plan = planRelocation(vmAfter([vmCreated(mixed)]), 'ds-b');
    expect(plan.movedDisks.map((disk) => disk.diskId)).toEqual(['d-1']);
    expect(plan.totalBytes).toBe(8 * MIB);
  });
});
