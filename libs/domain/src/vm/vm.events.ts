import { DomainEvent } from '../shared/event';

export interface VmDisk {
  readonly diskId: string;
  readonly sizeMiB: number;
  readonly datastoreId: string;
  /** File name inside the datastore directory. */
  readonly fileName: string;
}

export interface VmNic {
  readonly nicId: string;
  readonly network: string;
}

export interface VmHardware {
  readonly vcpus: number;
  readonly coresPerSocket: number;
  readonly memoryMiB: number;
  readonly cpuHotAddEnabled: boolean;
  readonly memoryHotAddEnabled: boolean;
  readonly disks: readonly VmDisk[];
  readonly nics: readonly VmNic[];
}

export interface GuestWorkload {
  readonly diskWriteMiBps: number;
  readonly pageRemapsPerSec: number;
}

export type VmCreated = DomainEvent<
  'vm.created',
  VmHardware & { vmId: string; name: string; hostId: string; datastoreId: string }
>;
export type VmDeleted = DomainEvent<'vm.deleted', { vmId: string }>;
export type PowerAction = 'on' | 'off' | 'suspend';
/** The VM is taken for a power change; it ends with vm.powered-on / vm.powered-off, or is abandoned. */
export type VmPowerChangeStarted = DomainEvent<'vm.power-change-started', { vmId: string; hostId: string; changeId: string; action: PowerAction }>;
export type VmPowerChangeAbandoned = DomainEvent<'vm.power-change-abandoned', { vmId: string; changeId: string; reason: string }>;
export type VmPoweredOn = DomainEvent<'vm.powered-on', { vmId: string; hostId: string; memoryMiB: number }>;
export type VmPoweredOff = DomainEvent<
  'vm.powered-off',
  { vmId: string; hostId: string; reason: 'user' | 'host-failure' | 'power-on-failed' }
>;
/** The guest is frozen and its memory saved; the host's memory and PFrames are freed. */
export type VmSuspended = DomainEvent<'vm.suspended', { vmId: string; hostId: string }>;
/** New hardware totals; while powered on only through an FSR operation (`operationId`). */
export type VmReconfigured = DomainEvent<
  'vm.reconfigured',
  { vmId: string; hardware: VmHardware; operationId?: string }
>;
export type VmOperationStarted = DomainEvent<
  'vm.operation-started',
  { vmId: string; operationId: string; kind: 'hot-add' | 'relocate' }
>;
export type VmOperationEnded = DomainEvent<
  'vm.operation-ended',
  { vmId: string; operationId: string; outcome: 'succeeded' | 'failed' | 'cancelled' | 'rolled-back' }
>;
export type VmWorkloadSet = DomainEvent<'vm.workload-set', { vmId: string; workload: GuestWorkload | null }>;

export type VmEvent =
  | VmCreated
  | VmDeleted
  | VmPoweredOn
  | VmPoweredOff
  | VmPowerChangeStarted
  | VmPowerChangeAbandoned
  | VmSuspended
  | VmReconfigured
  | VmOperationStarted
  | VmOperationEnded
  | VmWorkloadSet;
