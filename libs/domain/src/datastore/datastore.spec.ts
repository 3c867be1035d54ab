import { deciderSpecification } from '../../../testing/src/decider-specification';
import { fold } from '../shared/decider';
import { datastoreDecider, freeMiB, usedMiB } from './datastore';
import {
  DatastoreAlreadyExistsError,
  DatastoreCapacityExceededError,
  DatastoreInvalidCapacityError,
  DatastoreNotFoundError,
} from './datastore.errors';
import { DatastoreEvent } from './datastore.events';

const spec = deciderSpecification(datastoreDecider);
const datastoreId = 'ds-1';
const created: DatastoreEvent = {
  type: 'datastore.created',
  data: { datastoreId, name: 'fast', capacityGiB: 2, path: '/data/ds-1' },
};
const allocated = (diskId: string, sizeMiB: number, vmId = 'vm-1'): DatastoreEvent => ({
  type: 'datastore.space-allocated',
  data: { datastoreId, vmId, diskId, sizeMiB },
});
const freed = (diskId: string, sizeMiB: number, vmId = 'vm-1'): DatastoreEvent => ({
  type: 'datastore.space-freed',
  data: { datastoreId, vmId, diskId, sizeMiB },
});
const create = (capacityGiB = 2) =>
  ({ type: 'create', datastoreId, name: 'fast', capacityGiB, path: '/data/ds-1' }) as const;
const allocate = (diskId: string, sizeMiB: number, vmId = 'vm-1') =>
  ({ type: 'allocate-space', vmId, diskId, sizeMiB }) as const;

describe('datastore decider', () => {
  it('knows nothing of a datastore never created: its state holds no datastore, whatever else its stream holds', () => {
    expect(datastoreDecider.initialState).toEqual({ exists: false });
    expect(fold(datastoreDecider, [allocated('disk-1', 1)])).toEqual({ exists: false });
  });

  describe('create', () => {
    it('creates a datastore', () => {
      spec.given([]).when(create()).then([created]);
    });
    it('rejects a second create', () => {
      spec.given([created]).when(create()).thenThrows(DatastoreAlreadyExistsError);
    });
    it.each([0, -1, 1.5])('rejects a capacity of %p GiB', (capacityGiB) => {
      const error = spec.given([]).when(create(capacityGiB)).thenThrows(DatastoreInvalidCapacityError);
      expect(error.kind).toBe('invalid');
    });
  });

  describe('allocate-space', () => {
    it('allocates space for a disk', () => {
      spec.given([created]).when(allocate('disk-1', 1024)).then([allocated('disk-1', 1024)]);
    });
    it('keeps the operation that allocated it', () => {
      spec.given([created])
        .when({ ...allocate('disk-1', 1024), operationId: 'op-1' })
        .then([{ type: 'datastore.space-allocated', data: { datastoreId, vmId: 'vm-1', diskId: 'disk-1', sizeMiB: 1024, operationId: 'op-1' } }]);
    });
    it('is idempotent for the same disk and size', () => {
      spec.given([created, allocated('disk-1', 1024)]).when(allocate('disk-1', 1024)).then([]);
    });
    it('grows a disk by the difference only', () => {
      spec.given([created, allocated('disk-1', 1024), allocated('disk-2', 512)])
        .when(allocate('disk-1', 1536))
        .then([allocated('disk-1', 1536)]);
    });
    it('rejects more than is free', () => {
      const error = spec
        .given([created, allocated('disk-1', 1024)])
        .when(allocate('disk-2', 1025))
        .thenThrows(DatastoreCapacityExceededError);
      expect(error).toMatchObject({ code: 'DATASTORE_CAPACITY_EXCEEDED', kind: 'conflict', details: { requestedMiB: 1025, freeMiB: 1024 } });
    });
    it('rejects an unknown datastore', () => {
      const error = spec.given([]).when(allocate('disk-1', 1)).thenThrows(DatastoreNotFoundError);
      expect(error).toMatchObject({ code: 'DATASTORE_NOT_FOUND', kind: 'not-found' });
    });
  });

  describe('free-space', () => {
    it('frees the whole allocation of a disk', () => {
      spec.given([created, allocated('disk-1', 1024)])
        .when({ type: 'free-space', vmId: 'vm-1', diskId: 'disk-1' })
        .then([freed('disk-1', 1024)]);
    });
    it('does nothing for a disk it does not hold', () => {
      spec.given([created, allocated('disk-1', 1024), freed('disk-1', 1024)])
        .when({ type: 'free-space', vmId: 'vm-1', diskId: 'disk-1' })
        .then([]);
    });
    it('rejects an unknown datastore', () => {
      spec.given([]).when({ type: 'free-space', vmId: 'vm-1', diskId: 'disk-1' }).thenThrows(DatastoreNotFoundError);
    });
  });

  it('sums used and free space over the allocations', () => {
    const state = fold(datastoreDecider, [created, allocated('disk-1', 1024), allocated('disk-2', 256), freed('disk-1', 1024)]);
    if (!state.exists) throw new Error('the datastore was created');
    expect(usedMiB(state)).toBe(256);
    expect(freeMiB(state)).toBe(2048 - 256);
  });
});
