import { Decider } from '../shared/decider';
import { OperationKind } from '../operation/operation.events';
import { assertValidHardware, EMPTY_HARDWARE, pickHardware, sameHardware } from './vm-hardware';
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

export interface VmState {
  readonly exists: boolean;
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

export const initialVmState: VmState = {
  exists: false,
  deleted: false,
  vmId: '',
  name: '',
  hostId: '',
  datastoreId: '',
  hardware: EMPTY_HARDWARE,
  powerState: 'poweredOff',
  powerOnMemoryMiB: 0,
  activeOperation: null,
  powerChange: null,
  workload: null,
};

/** The power states a change can start from. */
const POWER_CHANGE_FROM: Record<PowerAction, readonly PowerState[]> = {
  on: ['poweredOff', 'suspended'],
  off: ['poweredOn', 'suspended'],
  suspend: ['poweredOn'],
};

function decide(command: VmCommand, state: VmState): VmEvent[] {
  if (command.type === 'create') return create(command, state);
  if (!state.exists || state.deleted) throw new VmNotFoundError(state.vmId || undefined);
  const { vmId } = state;
  switch (command.type) {
    case 'delete':
      requirePowerState(state, 'poweredOff');
      requireIdle(state);
      return [{ type: 'vm.deleted', data: { vmId } }];
    case 'start-power-change':
      requirePowerState(state, POWER_CHANGE_FROM[command.action]);
      requireIdle(state);
      return [{ type: 'vm.power-change-started', data: { vmId, hostId: state.hostId, changeId: command.changeId, action: command.action } }];
    case 'abandon-power-change':
      if (state.powerChange?.changeId !== command.changeId) return [];
      return [{ type: 'vm.power-change-abandoned', data: { vmId, changeId: command.changeId, reason: command.reason } }];
    case 'power-on':
      requirePowerState(state, ['poweredOff', 'suspended']);
      if (state.powerChange?.action !== 'on') requireIdle(state);
      return [{ type: 'vm.powered-on', data: { vmId, hostId: command.hostId, memoryMiB: state.hardware.memoryMiB } }];
    case 'power-off':
      requirePowerState(state, command.reason === 'user' ? ['poweredOn', 'suspended'] : 'poweredOn');
      if (command.reason === 'user' && state.powerChange?.action !== 'off') requireIdle(state);
      return [{ type: 'vm.powered-off', data: { vmId, hostId: state.hostId, reason: command.reason } }];
    case 'suspend':
      requirePowerState(state, 'poweredOn');
      if (state.powerChange?.action !== 'suspend') requireIdle(state);
      return [{ type: 'vm.suspended', data: { vmId, hostId: state.hostId } }];
    case 'reconfigure':
      return reconfigure(command, state);
    case 'start-operation': {
      const { operationId, kind } = command;
      if (state.activeOperation?.operationId === operationId) return [];
      requireIdle(state);
      return [{ type: 'vm.operation-started', data: { vmId, operationId, kind } }];
    }
    case 'end-operation': {
      const { operationId, outcome } = command;
      if (state.activeOperation?.operationId !== operationId) return [];
      return [{ type: 'vm.operation-ended', data: { vmId, operationId, outcome } }];
    }
    case 'set-workload':
      return setWorkload(command, state);
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

function reconfigure(command: ReconfigureVm, state: VmState): VmEvent[] {
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

function setWorkload({ workload }: SetVmWorkload, state: VmState): VmEvent[] {
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

function requirePowerState(state: VmState, required: PowerState | readonly PowerState[]): void {
  const allowed = typeof required === 'string' ? [required] : required;
  if (!allowed.includes(state.powerState)) throw new VmInvalidPowerStateError(state.vmId, state.powerState, required);
}

function requireIdle(state: VmState): void {
  if (state.activeOperation) throw new VmBusyError(state.vmId, state.activeOperation.operationId);
  if (state.powerChange) throw new VmBusyError(state.vmId, state.powerChange.changeId);
}

function evolve(state: VmState, event: VmEvent): VmState {
  switch (event.type) {
    case 'vm.created': {
      const { vmId, name, hostId, datastoreId } = event.data;
      return { ...state, exists: true, vmId, name, hostId, datastoreId, hardware: pickHardware(event.data) };
    }
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
