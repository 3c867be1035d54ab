import { z } from 'zod';
import { count, guestWorkloadSchema, id, positive } from '@fsr/contracts';

export const hardware = z.object({
  vcpus: positive,
  coresPerSocket: positive,
  memoryMiB: positive,
  cpuHotAddEnabled: z.boolean(),
  memoryHotAddEnabled: z.boolean(),
  disks: z.array(z.object({ diskId: id, sizeMiB: z.number().positive(), datastoreId: id, fileName: id })),
  nics: z.array(z.object({ nicId: id, network: z.string() })),
});

export const vmEventSchemas = {
  'vm.created': hardware.extend({ vmId: id, name: id, hostId: id, datastoreId: id }),
  'vm.deleted': z.object({ vmId: id }),
  'vm.power-change-started': z.object({ vmId: id, hostId: id, changeId: id, action: z.enum(['on', 'off', 'suspend']) }),
  'vm.power-change-abandoned': z.object({ vmId: id, changeId: id, reason: z.string() }),
  'vm.powered-on': z.object({ vmId: id, hostId: id, memoryMiB: count }),
  'vm.powered-off': z.object({ vmId: id, hostId: id, reason: z.enum(['user', 'host-failure', 'power-on-failed']) }),
  'vm.suspended': z.object({ vmId: id, hostId: id }),
  'vm.reconfigured': z.object({ vmId: id, hardware, operationId: id.optional() }),
  'vm.operation-started': z.object({ vmId: id, operationId: id, kind: z.enum(['hot-add', 'relocate']) }),
  'vm.operation-ended': z.object({ vmId: id, operationId: id, outcome: z.enum(['succeeded', 'failed', 'cancelled', 'rolled-back']) }),
  'vm.workload-set': z.object({ vmId: id, workload: guestWorkloadSchema.nullable() }),
  'vm-name.reserved': z.object({ name: id, vmId: id }),
  'vm-name.released': z.object({ name: id, vmId: id }),
};
