import { DomainEvent } from '../shared/event';

export type DatastoreCreated = DomainEvent<
  'datastore.created',
  { datastoreId: string; name: string; capacityGiB: number; path: string }
>;
export type DatastoreSpaceAllocated = DomainEvent<
  'datastore.space-allocated',
  { datastoreId: string; vmId: string; diskId: string; sizeMiB: number; operationId?: string }
>;
export type DatastoreSpaceFreed = DomainEvent<
  'datastore.space-freed',
  { datastoreId: string; vmId: string; diskId: string; sizeMiB: number; operationId?: string }
>;

export type DatastoreEvent = DatastoreCreated | DatastoreSpaceAllocated | DatastoreSpaceFreed;
