import { z } from 'zod';
import { EventOf, EventsOf } from '../shared/event-schemas';
import { id } from '../shared/schema-parts';

/** The name is the VM's until it is released: names are unique across the inventory, case-sensitive as in vCenter. */
export const vmNameEventSchemas = {
  'vm-name.reserved': z.object({ name: id, vmId: id }),
  'vm-name.released': z.object({ name: id, vmId: id }),
};

type Schemas = typeof vmNameEventSchemas;
export type VmNameReserved = EventOf<Schemas, 'vm-name.reserved'>;
export type VmNameReleased = EventOf<Schemas, 'vm-name.released'>;
export type VmNameEvent = EventsOf<Schemas>;
