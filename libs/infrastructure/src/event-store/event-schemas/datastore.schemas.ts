import { z } from 'zod';
import { count, id } from '@fsr/contracts';

const space = z.object({ datastoreId: id, vmId: id, diskId: id, sizeMiB: count, operationId: id.optional() });

export const datastoreEventSchemas = {
  'datastore.created': z.object({ datastoreId: id, name: id, capacityGiB: z.number().positive(), path: z.string().min(1) }),
  'datastore.space-allocated': space,
  'datastore.space-freed': space,
};
