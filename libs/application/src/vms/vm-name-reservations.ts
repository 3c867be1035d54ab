import { Inject, Injectable } from '@nestjs/common';
import { ExistingVm, vmNameDecider } from '@fsr/domain';
import { Aggregates } from '../common/aggregates';
import { appendTo } from '../common/appends';
import { streams, subjects } from '../common/streams';
import { StreamAppend } from '../ports/event-store.port';
import { VM_NAMES, VmNames } from '../ports/vm-names.port';

/**
 * A VM's name as a stream of its own, appended together with the VM's create or delete: at its expected
 * version, so of two creates of one name the second conflicts, and on its retry is refused VM_NAME_TAKEN.
 */
@Injectable()
export class VmNameReservations {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(VM_NAMES) private readonly names: VmNames,
  ) {}

  /** @throws VmNameTakenError */
  async reserve(name: string, vmId: string): Promise<StreamAppend> {
    const [reservation, inventoryHolderIds] = await Promise.all([this.aggregates.vmName(name), this.liveVmsNamed(name)]);
    const events = vmNameDecider.decide({ type: 'reserve', name, vmId, inventoryHolderIds }, reservation.state);
    return appendTo(streams.vmName(name), reservation, events, [subjects.vm(vmId)]);
  }

  async release(vm: ExistingVm): Promise<StreamAppend> {
    const reservation = await this.aggregates.vmName(vm.name);
    const events = vmNameDecider.decide({ type: 'release', name: vm.name, vmId: vm.vmId }, reservation.state);
    return appendTo(streams.vmName(vm.name), reservation, events, [subjects.vm(vm.vmId)]);
  }

  // VMs created before names were reserved hold theirs only in the inventory. The read model may still
  // show a VM just deleted: its own stream says whether it lives.
  private async liveVmsNamed(name: string): Promise<string[]> {
    const vms = await Promise.all((await this.names.idsNamed(name)).map((id) => this.aggregates.vm(id)));
    return vms.flatMap(({ state }) => (state.exists && !state.deleted && state.name === name ? [state.vmId] : []));
  }
}
