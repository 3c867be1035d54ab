import { Decider } from '../shared/decider';
import { AllocateDatastoreSpace, DatastoreCommand, FreeDatastoreSpace } from './datastore.commands';
import {
  DatastoreAlreadyExistsError,
  DatastoreCapacityExceededError,
  DatastoreInvalidCapacityError,
  DatastoreNotFoundError,
} from './datastore.errors';
import { DatastoreEvent } from './datastore.events';

export interface DiskAllocation {
  readonly vmId: string;
  readonly sizeMiB: number;
}

/** A datastore never created: nothing is known of it. */
export interface NoDatastore {
  readonly exists: false;
}

export interface ExistingDatastore {
  readonly exists: true;
  readonly datastoreId: string;
  readonly name: string;
  readonly capacityGiB: number;
  readonly path: string;
  /** By diskId. */
  readonly allocations: Readonly<Record<string, DiskAllocation>>;
}

export type DatastoreState = NoDatastore | ExistingDatastore;

export const initialDatastoreState: DatastoreState = { exists: false };

export const usedMiB = (state: ExistingDatastore): number =>
  Object.values(state.allocations).reduce((sum, allocation) => sum + allocation.sizeMiB, 0);

export const freeMiB = (state: ExistingDatastore): number => state.capacityGiB * 1024 - usedMiB(state);

function decide(command: DatastoreCommand, state: DatastoreState): DatastoreEvent[] {
  if (command.type === 'create') {
    if (state.exists) throw new DatastoreAlreadyExistsError(state.datastoreId);
    const { datastoreId, name, capacityGiB, path } = command;
    if (!Number.isInteger(capacityGiB) || capacityGiB <= 0) throw new DatastoreInvalidCapacityError(capacityGiB);
    return [{ type: 'datastore.created', data: { datastoreId, name, capacityGiB, path } }];
  }
  if (!state.exists) throw new DatastoreNotFoundError();
  switch (command.type) {
    case 'allocate-space':
      return allocate(command, state);
    case 'free-space':
      return free(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown datastore command ${JSON.stringify(unknown)}`);
    }
  }
}

function allocate(command: AllocateDatastoreSpace, state: ExistingDatastore): DatastoreEvent[] {
  const { vmId, diskId, sizeMiB, operationId } = command;
  const current = state.allocations[diskId];
  if (current && current.vmId === vmId && current.sizeMiB === sizeMiB) return [];
  const requestedMiB = sizeMiB - (current?.sizeMiB ?? 0);
  const free = freeMiB(state);
  if (requestedMiB > free) throw new DatastoreCapacityExceededError(state.datastoreId, requestedMiB, free);
  return [
    {
      type: 'datastore.space-allocated',
      data: { datastoreId: state.datastoreId, vmId, diskId, sizeMiB, ...withOperation(operationId) },
    },
  ];
}

function free(command: FreeDatastoreSpace, state: ExistingDatastore): DatastoreEvent[] {
  const allocation = state.allocations[command.diskId];
  if (!allocation) return [];
  return [
    {
      type: 'datastore.space-freed',
      data: {
        datastoreId: state.datastoreId,
        vmId: allocation.vmId,
        diskId: command.diskId,
        sizeMiB: allocation.sizeMiB,
        ...withOperation(command.operationId),
      },
    },
  ];
}

const withOperation = (operationId: string | undefined) => (operationId === undefined ? {} : { operationId });

function evolve(state: DatastoreState, event: DatastoreEvent): DatastoreState {
  if (event.type === 'datastore.created') return { exists: true, ...event.data, allocations: {} };
  // Every other event follows the creation in the datastore's own stream.
  return state.exists ? evolveExisting(state, event) : state;
}

function evolveExisting(state: ExistingDatastore, event: Exclude<DatastoreEvent, { type: 'datastore.created' }>): ExistingDatastore {
  switch (event.type) {
    case 'datastore.space-allocated': {
      const { diskId, vmId, sizeMiB } = event.data;
      return { ...state, allocations: { ...state.allocations, [diskId]: { vmId, sizeMiB } } };
    }
    case 'datastore.space-freed': {
      const { [event.data.diskId]: _freed, ...allocations } = state.allocations;
      return { ...state, allocations };
    }
    default: {
      const _unhandled: never = event;
      return state;
    }
  }
}

export const datastoreDecider: Decider<DatastoreState, DatastoreCommand, DatastoreEvent> = {
  initialState: initialDatastoreState,
  decide,
  evolve,
};
