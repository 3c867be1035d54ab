import { Decider } from '../shared/decider';
import { CommitVmMemory, ConnectHost, HostCommand } from './host.commands';
import {
  HostCapacityExceededError,
  HostDisconnectedError,
  HostHasPoweredOnVmsError,
  HostInMaintenanceError,
  HostNotFoundError,
} from './host.errors';
import { capacityFromRecord, sameCapacity } from './host-capacity';
import { HostCapacity, HostDisconnectReason, HostEvent } from './host.events';

/** A host no agent ever registered: nothing is known of it. */
export interface NoHost {
  readonly exists: false;
}

/** A disconnection of an agent instance whose consequences are still to be handled. */
export interface UnhandledHostLoss {
  readonly agentInstanceId: string;
  readonly reason: HostDisconnectReason;
  /** The VMs a planned restart kept: they stay powered on. */
  readonly keptVmIds: readonly string[];
}

export interface ExistingHost {
  readonly exists: true;
  readonly hostId: string;
  readonly name: string;
  readonly connectionState: 'connected' | 'disconnected';
  readonly agentInstanceId: string | null;
  /** The latest instances a newer one replaced, newest first: an agent process never comes back under its old id. */
  readonly supersededInstanceIds: readonly string[];
  readonly capacity: HostCapacity;
  readonly maintenance: boolean;
  /** Memory each VM holds on the host, by vmId; VMs holding nothing are absent. */
  readonly committedMiB: Readonly<Record<string, number>>;
  /** Disconnections recorded and not yet handled, oldest first. */
  readonly unhandledLosses: readonly UnhandledHostLoss[];
}

export type HostState = NoHost | ExistingHost;

export const initialHostState: HostState = { exists: false };

/** The host, registered, or HOST_NOT_FOUND: what every decision but a connection starts from. */
export function requireHost(state: HostState, hostId?: string): ExistingHost {
  if (!state.exists) throw new HostNotFoundError(hostId);
  return state;
}

/** How many replaced instances a host remembers: enough for any report still in flight after a restart. */
const REMEMBERED_INSTANCES = 16;

/** A report of an instance a newer one replaced, delivered late or twice, speaks for nobody. */
export const isSupersededInstance = (state: ExistingHost, agentInstanceId: string): boolean =>
  agentInstanceId !== state.agentInstanceId && state.supersededInstanceIds.includes(agentInstanceId);

export const usedMemoryMiB = (state: ExistingHost): number =>
  Object.values(state.committedMiB).reduce((sum, memoryMiB) => sum + memoryMiB, 0);

export const freeMemoryMiB = (state: ExistingHost): number => state.capacity.memoryMiB - usedMemoryMiB(state);

function decide(command: HostCommand, state: HostState): HostEvent[] {
  if (command.type === 'connect') return connect(command, state);
  const host = requireHost(state);
  const hostId = host.hostId;
  switch (command.type) {
    case 'disconnect': {
      const connectedWithThatInstance =
        host.connectionState === 'connected' && host.agentInstanceId === command.agentInstanceId;
      if (!connectedWithThatInstance) return [];
      return [
        {
          type: 'host.disconnected',
          data: { hostId, agentInstanceId: command.agentInstanceId, reason: command.reason, ...(command.keptVms ? { keptVms: command.keptVms } : {}), lossTracked: true },
        },
      ];
    }
    case 'record-loss-handled': {
      const unhandled = host.unhandledLosses.some((loss) => loss.agentInstanceId === command.agentInstanceId);
      return unhandled ? [{ type: 'host.loss-handled', data: { hostId, agentInstanceId: command.agentInstanceId } }] : [];
    }
    case 'set-maintenance': {
      if (command.enabled === host.maintenance) return [];
      const runningVmIds = Object.keys(host.committedMiB);
      if (command.enabled && runningVmIds.length > 0) throw new HostHasPoweredOnVmsError(hostId, runningVmIds);
      return [{ type: 'host.maintenance-changed', data: { hostId, enabled: command.enabled } }];
    }
    case 'commit-vm-memory':
      return commitVmMemory(command, host);
    default: {
      const unknown: never = command;
      throw new Error(`unknown host command ${JSON.stringify(unknown)}`);
    }
  }
}

function connect(command: ConnectHost, state: HostState): HostEvent[] {
  const { hostId, name, agentInstanceId, capacity, restoredVms } = command;
  const restored = restoredVms && restoredVms.length > 0 ? { restoredVms } : {};
  const connected: HostEvent = { type: 'host.connected', data: { hostId, agentInstanceId, ...capacity, ...restored } };
  if (!state.exists) return [{ type: 'host.registered', data: { hostId, name } }, connected];
  const alreadyConnected =
    state.connectionState === 'connected' && state.agentInstanceId === agentInstanceId && sameCapacity(state.capacity, capacity);
  if (alreadyConnected || isSupersededInstance(state, agentInstanceId)) return [];
  const previous = state.agentInstanceId;
  const replacesLiveInstance = state.connectionState === 'connected' && previous !== null && previous !== agentInstanceId;
  if (!replacesLiveInstance) return [connected];
  return [{ type: 'host.disconnected', data: { hostId, agentInstanceId: previous, reason: 'agent-restarted', lossTracked: true } }, connected];
}

function commitVmMemory(command: CommitVmMemory, state: ExistingHost): HostEvent[] {
  const { vmId, memoryMiB, operationId } = command;
  const current = state.committedMiB[vmId] ?? 0;
  if (memoryMiB === current) return [];
  if (memoryMiB > current) {
    if (state.connectionState !== 'connected') throw new HostDisconnectedError(state.hostId);
    if (state.maintenance) throw new HostInMaintenanceError(state.hostId);
    const free = freeMemoryMiB(state);
    if (memoryMiB - current > free) throw new HostCapacityExceededError(state.hostId, memoryMiB - current, free);
  }
  return [
    {
      type: 'host.vm-memory-committed',
      data: { hostId: state.hostId, vmId, memoryMiB, ...(operationId === undefined ? {} : { operationId }) },
    },
  ];
}

function evolve(state: HostState, event: HostEvent): HostState {
  if (event.type === 'host.registered') {
    const { hostId, name } = event.data;
    const capacity = { cpuCores: 0, memoryMiB: 0, workerThreads: 0, pframesPerSecondPerThread: null, numaNodes: 1 };
    return { exists: true, hostId, name, connectionState: 'disconnected', agentInstanceId: null, supersededInstanceIds: [], capacity, maintenance: false, committedMiB: {}, unhandledLosses: [] };
  }
  // Every other event follows the registration in the host's own stream.
  return state.exists ? evolveExisting(state, event) : state;
}

function evolveExisting(state: ExistingHost, event: Exclude<HostEvent, { type: 'host.registered' }>): ExistingHost {
  switch (event.type) {
    case 'host.connected': {
      const previous = state.agentInstanceId;
      const superseded =
        previous === null || previous === event.data.agentInstanceId
          ? state.supersededInstanceIds
          : [previous, ...state.supersededInstanceIds].slice(0, REMEMBERED_INSTANCES);
      return {
        ...state,
        connectionState: 'connected',
        agentInstanceId: event.data.agentInstanceId,
        supersededInstanceIds: superseded,
        capacity: capacityFromRecord(event.data),
      };
    }
    case 'host.disconnected': {
      const { agentInstanceId, reason, keptVms = [], lossTracked } = event.data;
      // A disconnection recorded before losses were tracked was handled by the saga of its day (or never can be).
      if (!lossTracked) return { ...state, connectionState: 'disconnected' };
      const loss = { agentInstanceId, reason, keptVmIds: keptVms.map((vm) => vm.vmId) };
      // A later loss of the same instance (reconnected by a heartbeat, then lost again) is the one left to handle.
      const others = state.unhandledLosses.filter((earlier) => earlier.agentInstanceId !== agentInstanceId);
      return { ...state, connectionState: 'disconnected', unhandledLosses: [...others, loss] };
    }
    case 'host.loss-handled':
      return { ...state, unhandledLosses: state.unhandledLosses.filter((loss) => loss.agentInstanceId !== event.data.agentInstanceId) };
    case 'host.maintenance-changed':
      return { ...state, maintenance: event.data.enabled };
    case 'host.vm-memory-committed': {
      const { [event.data.vmId]: _previous, ...others } = state.committedMiB;
      const committedMiB = event.data.memoryMiB > 0 ? { ...others, [event.data.vmId]: event.data.memoryMiB } : others;
      return { ...state, committedMiB };
    }
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}

export const hostDecider: Decider<HostState, HostCommand, HostEvent> = {
  initialState: initialHostState,
  decide,
  evolve,
};
