import { deciderSpecification } from '../../../testing/src/decider-specification';
import { vmNameDecider } from './vm-name';
import { VmNameEvent } from './vm-name.events';
import { VmNameTakenError } from './vm.errors';

const spec = deciderSpecification(vmNameDecider);
const name = 'web-01';
const reserved = (vmId: string): VmNameEvent => ({ type: 'vm-name.reserved', data: { name, vmId } });
const released = (vmId: string): VmNameEvent => ({ type: 'vm-name.released', data: { name, vmId } });
const reserve = (vmId: string, inventoryHolderIds: string[] = []) => ({ type: 'reserve', name, vmId, inventoryHolderIds }) as const;
const release = (vmId: string) => ({ type: 'release', name, vmId }) as const;

describe('VM name decider', () => {
  describe('reserve', () => {
    it('reserves a name nobody holds', () => {
      spec.given([]).when(reserve('vm-1')).then([reserved('vm-1')]);
    });
    it('refuses a name another VM holds, naming that VM', () => {
      const error = spec.given([reserved('vm-1')]).when(reserve('vm-2')).thenThrows(VmNameTakenError);
      expect(error).toMatchObject({ code: 'VM_NAME_TAKEN', kind: 'conflict', details: { name, vmId: 'vm-1' } });
    });
    it('refuses a name a VM created before reservations holds in the inventory', () => {
      const error = spec.given([]).when(reserve('vm-2', ['vm-old'])).thenThrows(VmNameTakenError);
      expect(error.details).toEqual({ name, vmId: 'vm-old' });
    });
    it('is a no-op for the VM that holds it already', () => {
      spec.given([reserved('vm-1')]).when(reserve('vm-1', ['vm-1'])).then([]);
    });
    it('reserves a released name again, for another VM', () => {
      spec.given([reserved('vm-1'), released('vm-1')]).when(reserve('vm-2')).then([reserved('vm-2')]);
    });
  });

  describe('release', () => {
    it('releases the name its VM holds', () => {
      spec.given([reserved('vm-1')]).when(release('vm-1')).then([released('vm-1')]);
    });
    it('does nothing for a VM that does not hold it (released already, another holder, or never reserved)', () => {
      spec.given([reserved('vm-1'), released('vm-1')]).when(release('vm-1')).then([]);
      spec.given([reserved('vm-2')]).when(release('vm-1')).then([]);
      spec.given([]).when(release('vm-1')).then([]);
    });
  });
});
