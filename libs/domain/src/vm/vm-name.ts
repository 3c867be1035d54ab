import { Decider } from '../shared/decider';
import { VmNameCommand } from './vm-name.commands';
import { VmNameEvent } from './vm-name.events';
import { VmNameTakenError } from './vm.errors';

/** One name's reservation. */
export interface VmNameState {
  readonly holderVmId: string | null;
}

export const initialVmNameState: VmNameState = { holderVmId: null };

function decide(command: VmNameCommand, state: VmNameState): VmNameEvent[] {
  const { name, vmId } = command;
  switch (command.type) {
    case 'reserve': {
      if (state.holderVmId === vmId) return [];
      const holder = state.holderVmId ?? command.inventoryHolderIds.find((id) => id !== vmId);
      if (holder !== undefined) throw new VmNameTakenError(name, holder);
      return [{ type: 'vm-name.reserved', data: { name, vmId } }];
    }
    case 'release':
      if (state.holderVmId !== vmId) return [];
      return [{ type: 'vm-name.released', data: { name, vmId } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown VM name command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: VmNameState, event: VmNameEvent): VmNameState {
  switch (event.type) {
    case 'vm-name.reserved':
      return { holderVmId: event.data.vmId };
    case 'vm-name.released':
      return { holderVmId: null };
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}

export const vmNameDecider: Decider<VmNameState, VmNameCommand, VmNameEvent> = { initialState: initialVmNameState, decide, evolve };
