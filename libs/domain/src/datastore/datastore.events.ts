import { z } from 'zod';
import { EventOf, EventsOf } from '../shared/event-schemas';
import { count, id } from '../shared/schema-parts';

const space = z.object({ datastoreId: id, vmId: id, diskId: id, sizeMiB: count, operationId: id.optional() });

export const datastoreEventSchemas = {
  'datastore.created': z.object({ datastoreId: id, name: id, capacityGiB: z.number().positive(), path: z.string().min(1) }),
  'datastore.space-allocated': space,
  'datastore.space-freed': space,
};

type Schemas = typeof datastoreEventSchemas;
export type DatastoreCreated = EventOf<Schemas, 'datastore.created'>;
export type DatastoreSpaceAllocated = EventOf<Schemas, 'datastore.space-allocated'>;
export type DatastoreSpaceFreed = EventOf<Schemas, 'datastore.space-freed'>;
export type DatastoreEvent = EventsOf<Schemas>;
