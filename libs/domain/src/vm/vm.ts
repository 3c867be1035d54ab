import { Decider } from '../shared/decider';
import { OperationKind } from '../operation/operation.events';
import { assertValidHardware, pickHardware, sameHardware } from './vm-hardware';
import { CreateVm, ReconfigureVm, SetVmWorkload, VmCommand } from './vm.commands';
import {
  PowerState,
  VmAlreadyExistsError,
  VmBusyError,
  VmInvalidPowerStateError,
  VmInvalidWorkloadError,
  VmNotFoundError,
  VmOperationNotActiveError,
} from './vm.errors';
import { GuestWorkload, PowerAction, VmEvent, VmHardware } from './vm.events';

/** A VM that was never created: nothing is known of it. */
export interface NoVm {
  readonly exists: false;
}

export interface ExistingVm {
  readonly exists: true;
  readonly deleted: boolean;
  readonly vmId: string;
  readonly name: string;
  readonly hostId: string;
  readonly datastoreId: string;
  readonly hardware: VmHardware;
  readonly powerState: PowerState;
  /** Memory when last powered on: hot-add may grow it up to a multiple of this. */
  readonly powerOnMemoryMiB: number;
  readonly activeOperation: { readonly operationId: string; readonly kind: OperationKind } | null;
  /** A power change asked of the host and not yet recorded as done or abandoned. */
  readonly powerChange: { readonly changeId: string; readonly action: PowerAction } | null;
  readonly workload: GuestWorkload | null;
}

export type VmState = NoVm | ExistingVm;

export const initialVmState: VmState = { exists: false };

/** The VM, created and not deleted, or VM_NOT_FOUND: what every decision but a creation starts from. */
export function requireVm(state: VmState, vmId?: string): ExistingVm {
  if (!state.exists || state.deleted) throw new VmNotFoundError(vmId ?? (state.exists ? state.vmId : undefined));
  return state;
}

/** The power states a change can start from. */
const POWER_CHANGE_FROM: Record<PowerAction, readonly PowerState[]> = {
  on: ['poweredOff', 'suspended'],
  off: ['poweredOn', 'suspended'],
  suspend: ['poweredOn'],
};

function decide(command: VmCommand, state: VmState): VmEvent[] {
  if (command.type === 'create') return create(command, state);
  const vm = requireVm(state);
  const { vmId } = vm;
  switch (command.type) {
    case 'delete':
      requirePowerState(vm, 'poweredOff');
      requireIdle(vm);
      return [{ type: 'vm.deleted', data: { vmId } }];
    case 'start-power-change':
      requirePowerState(vm, POWER_CHANGE_FROM[command.action]);
      requireIdle(vm);
      return [{ type: 'vm.power-change-started', data: { vmId, hostId: vm.hostId, changeId: command.changeId, action: command.action } }];
    case 'abandon-power-change':
      if (vm.powerChange?.changeId !== command.changeId) return [];
      return [{ type: 'vm.power-change-abandoned', data: { vmId, changeId: command.changeId, reason: command.reason } }];
    case 'power-on':
      requirePowerState(vm, ['poweredOff', 'suspended']);
      if (vm.powerChange?.action !== 'on') requireIdle(vm);
      return [{ type: 'vm.powered-on', data: { vmId, hostId: command.hostId, memoryMiB: vm.hardware.memoryMiB } }];
    case 'power-off':
      requirePowerState(vm, command.reason === 'user' ? ['poweredOn', 'suspended'] : 'poweredOn');
      if (command.reason === 'user' && vm.powerChange?.action !== 'off') requireIdle(vm);
      return [{ type: 'vm.powered-off', data: { vmId, hostId: vm.hostId, reason: command.reason } }];
    case 'suspend':
      requirePowerState(vm, 'poweredOn');
      if (vm.powerChange?.action !== 'suspend') requireIdle(vm);
      return [{ type: 'vm.suspended', data: { vmId, hostId: vm.hostId } }];
    case 'reconfigure':
      return reconfigure(command, vm);
    case 'start-operation': {
      const { operationId, kind } = command;
      if (vm.activeOperation?.operationId === operationId) return [];
      requireIdle(vm);
      return [{ type: 'vm.operation-started', data: { vmId, operationId, kind } }];
    }
    case 'end-operation': {
      const { operationId, outcome } = command;
      if (vm.activeOperation?.operationId !== operationId) return [];
      return [{ type: 'vm.operation-ended', data: { vmId, operationId, outcome } }];
    }
    case 'set-workload':
      return setWorkload(command, vm);
    default: {
      const unknown: never = command;
      throw new Error(`unknown VM command ${JSON.stringify(unknown)}`);
    }
  }
}

function create(command: CreateVm, state: VmState): VmEvent[] {
  const { vmId, name, hostId, datastoreId, hardware } = command;
  if (state.exists) throw new VmAlreadyExistsError(state.vmId);
  assertValidHardware(hardware);
  return [{ type: 'vm.created', data: { vmId, name, hostId, datastoreId, ...pickHardware(hardware) } }];
}

function reconfigure(command: ReconfigureVm, state: ExistingVm): VmEvent[] {
  const { hardware, operationId } = command;
  assertValidHardware(hardware);
  if (sameHardware(hardware, state.hardware)) return [];
  if (operationId === undefined) {
    requireIdle(state);
    requirePowerState(state, 'poweredOff');
  } else if (state.activeOperation?.operationId !== operationId) {
    throw new VmOperationNotActiveError(state.vmId, operationId);
  }
  const data = { vmId: state.vmId, hardware: pickHardware(hardware) };
  return [{ type: 'vm.reconfigured', data: operationId === undefined ? data : { ...data, operationId } }];
}

function setWorkload({ workload }: SetVmWorkload, state: ExistingVm): VmEvent[] {
  if (state.powerChange) throw new VmBusyError(state.vmId, state.powerChange.changeId);
  if (workload === null) return state.workload === null ? [] : [{ type: 'vm.workload-set', data: { vmId: state.vmId, workload } }];
  requirePowerState(state, 'poweredOn');
  const rates = [workload.diskWriteMiBps, workload.pageRemapsPerSec];
  if (!rates.every((rate) => Number.isFinite(rate) && rate >= 0)) throw new VmInvalidWorkloadError({ ...workload });
  const unchanged =
    state.workload?.diskWriteMiBps === workload.diskWriteMiBps &&
    state.workload?.pageRemapsPerSec === workload.pageRemapsPerSec;
  if (unchanged) return [];
  const { diskWriteMiBps, pageRemapsPerSec } = workload;
  return [{ type: 'vm.workload-set', data: { vmId: state.vmId, workload: { diskWriteMiBps, pageRemapsPerSec } } }];
}

function requirePowerState(state: ExistingVm, required: PowerState | readonly PowerState[]): void {
  const allowed = typeof required === 'string' ? [required] : required;
  if (!allowed.includes(state.powerState)) throw new VmInvalidPowerStateError(state.vmId, state.powerState, required);
}

function requireIdle(state: ExistingVm): void {
  if (state.activeOperation) throw new VmBusyError(state.vmId, state.activeOperation.operationId);
  if (state.powerChange) throw new VmBusyError(state.vmId, state.powerChange.changeId);
}

function evolve(state: VmState, event: VmEvent): VmState {
  if (event.type === 'vm.created') {
    const { vmId, name, hostId, datastoreId } = event.data;
    return { exists: true, deleted: false, vmId, name, hostId, datastoreId, hardware: pickHardware(event.data), powerState: 'poweredOff', powerOnMemoryMiB: 0, activeOperation: null, powerChange: null, workload: null };
  }
  // Every other event follows the creation in the VM's own stream.
  return state.exists ? evolveExisting(state, event) : state;
}

function evolveExisting(state: ExistingVm, event: Exclude<VmEvent, { type: 'vm.created' }>): ExistingVm {
  switch (event.type) {
    case 'vm.deleted':
      return { ...state, deleted: true };
    case 'vm.power-change-started':
      return { ...state, powerChange: { changeId: event.data.changeId, action: event.data.action } };
    case 'vm.power-change-abandoned':
      return { ...state, powerChange: null };
    case 'vm.powered-on':
      return { ...state, powerState: 'poweredOn', hostId: event.data.hostId, powerOnMemoryMiB: event.data.memoryMiB, powerChange: null };
    case 'vm.powered-off':
      return { ...state, powerState: 'poweredOff', workload: null, powerChange: null };
    case 'vm.suspended':
      return { ...state, powerState: 'suspended', workload: null, powerChange: null };
    case 'vm.reconfigured': {
      const { hardware } = event.data;
      return { ...state, hardware, datastoreId: hardware.disks[0]?.datastoreId ?? state.datastoreId };
    }
    case 'vm.operation-started':
      return { ...state, activeOperation: { operationId: event.data.operationId, kind: event.data.kind } };
    case 'vm.operation-ended':
      return { ...state, activeOperation: null };
    case 'vm.workload-set':
      return { ...state, workload: event.data.workload };
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}

export const vmDecider: Decider<VmState, VmCommand, VmEvent> = { initialState: initialVmState, decide, evolve };
