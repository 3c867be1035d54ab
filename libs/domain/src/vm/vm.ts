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
import { GuestWorkload, VmEvent, VmHardware } from './vm.events';

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
  workload: null,
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
    case 'power-on':
      requirePowerState(state, 'poweredOff');
      requireIdle(state);
      return [{ type: 'vm.powered-on', data: { vmId, hostId: command.hostId, memoryMiB: state.hardware.memoryMiB } }];
    case 'power-off':
      requirePowerState(state, 'poweredOn');
      if (command.reason === 'user') requireIdle(state);
      return [{ type: 'vm.powered-off', data: { vmId, hostId: state.hostId, reason: command.reason } }];
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

function requirePowerState(state: VmState, required: PowerState): void {
  if (state.powerState !== required) throw new VmInvalidPowerStateError(state.vmId, state.powerState, required);
}

function requireIdle(state: VmState): void {
  if (state.activeOperation) throw new VmBusyError(state.vmId, state.activeOperation.operationId);
}

function evolve(state: VmState, event: VmEvent): VmState {
  switch (event.type) {
    case 'vm.created': {
      const { vmId, name, hostId, datastoreId } = event.data;
      return { ...state, exists: true, vmId, name, hostId, datastoreId, hardware: pickHardware(event.data) };
    }
    case 'vm.deleted':
      return { ...state, deleted: true };
    case 'vm.powered-on':
      return { ...state, powerState: 'poweredOn', hostId: event.data.hostId, powerOnMemoryMiB: event.data.memoryMiB };
    case 'vm.powered-off':
      return { ...state, powerState: 'poweredOff', workload: null };
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
