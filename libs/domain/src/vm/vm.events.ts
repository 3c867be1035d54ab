import { z } from 'zod';
import { EventOf, EventsOf } from '../shared/event-schemas';
import { count, id, positive } from '../shared/schema-parts';

export const vmDiskSchema = z
  .object({
    diskId: id,
    sizeMiB: z.number().positive(),
    datastoreId: id,
    /** File name inside the datastore directory. */
    fileName: id,
  })
  .readonly();
export type VmDisk = z.infer<typeof vmDiskSchema>;

export const vmNicSchema = z.object({ nicId: id, network: z.string() }).readonly();
export type VmNic = z.infer<typeof vmNicSchema>;

const hardware = {
  vcpus: positive,
  coresPerSocket: positive,
  memoryMiB: positive,
  cpuHotAddEnabled: z.boolean(),
  memoryHotAddEnabled: z.boolean(),
  disks: z.array(vmDiskSchema).readonly(),
  nics: z.array(vmNicSchema).readonly(),
};
export const vmHardwareSchema = z.object(hardware).readonly();
export type VmHardware = z.infer<typeof vmHardwareSchema>;

export const guestWorkloadSchema = z.object({ diskWriteMiBps: z.number().nonnegative(), pageRemapsPerSec: z.number().nonnegative() }).readonly();
export type GuestWorkload = z.infer<typeof guestWorkloadSchema>;

export const powerActionSchema = z.enum(['on', 'off', 'suspend']);
export type PowerAction = z.infer<typeof powerActionSchema>;

export const vmEventSchemas = {
  'vm.created': z.object({ ...hardware, vmId: id, name: id, hostId: id, datastoreId: id }),
  'vm.deleted': z.object({ vmId: id }),
  /** The VM is taken for a power change; it ends with vm.powered-on / vm.powered-off, or is abandoned. */
  'vm.power-change-started': z.object({ vmId: id, hostId: id, changeId: id, action: powerActionSchema }),
  'vm.power-change-abandoned': z.object({ vmId: id, changeId: id, reason: z.string() }),
  'vm.powered-on': z.object({ vmId: id, hostId: id, memoryMiB: count }),
  'vm.powered-off': z.object({ vmId: id, hostId: id, reason: z.enum(['user', 'host-failure', 'power-on-failed']) }),
  /** The guest is frozen and its memory saved; the host's memory and PFrames are freed. */
  'vm.suspended': z.object({ vmId: id, hostId: id }),
  /** New hardware totals; while powered on only through an FSR operation (`operationId`). */
  'vm.reconfigured': z.object({ vmId: id, hardware: vmHardwareSchema, operationId: id.optional() }),
  'vm.operation-started': z.object({ vmId: id, operationId: id, kind: z.enum(['hot-add', 'relocate']) }),
  'vm.operation-ended': z.object({ vmId: id, operationId: id, outcome: z.enum(['succeeded', 'failed', 'cancelled', 'rolled-back']) }),
  'vm.workload-set': z.object({ vmId: id, workload: guestWorkloadSchema.nullable() }),
};

type Schemas = typeof vmEventSchemas;
export type VmCreated = EventOf<Schemas, 'vm.created'>;
export type VmDeleted = EventOf<Schemas, 'vm.deleted'>;
export type VmPowerChangeStarted = EventOf<Schemas, 'vm.power-change-started'>;
export type VmPowerChangeAbandoned = EventOf<Schemas, 'vm.power-change-abandoned'>;
export type VmPoweredOn = EventOf<Schemas, 'vm.powered-on'>;
export type VmPoweredOff = EventOf<Schemas, 'vm.powered-off'>;
export type VmSuspended = EventOf<Schemas, 'vm.suspended'>;
export type VmReconfigured = EventOf<Schemas, 'vm.reconfigured'>;
export type VmOperationStarted = EventOf<Schemas, 'vm.operation-started'>;
export type VmOperationEnded = EventOf<Schemas, 'vm.operation-ended'>;
export type VmWorkloadSet = EventOf<Schemas, 'vm.workload-set'>;
export type VmEvent = EventsOf<Schemas>;
