import { DiskContentHash, GuestWorkload, OperationKind, OperationPhase, TransferMode, VmDisk, VmHardware, VmNic } from '@fsr/domain';

/** Rows of the read-model tables, with their JSON columns typed. */
export interface HostViewRow {
  id: string;
  name: string;
  connectionState: 'connected' | 'disconnected';
  agentInstanceId: string | null;
  maintenance: boolean;
  cpuCores: number;
  memoryMiB: number;
  usedMemoryMiB: number;
  workerThreads: number;
  pframesPerSecondPerThread: number | null;
  numaNodes: number;
  version: number;
  registeredAt: Date;
  updatedAt: Date;
}

export interface DatastoreViewRow {
  id: string;
  name: string;
  path: string;
  capacityGiB: number;
  usedMiB: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type VmPowerState = 'poweredOn' | 'poweredOff' | 'suspended';

export interface VmViewRow {
  id: string;
  name: string;
  hostId: string;
  datastoreId: string;
  powerState: VmPowerState;
  vcpus: number;
  coresPerSocket: number;
  memoryMiB: number;
  powerOnMemoryMiB: number | null;
  cpuHotAddEnabled: boolean;
  memoryHotAddEnabled: boolean;
  disks: VmDisk[];
  nics: VmNic[];
  workload: GuestWorkload | null;
  activeOperationId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type OperationViewState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'rolled-back';

export interface OperationProgress {
  done: number;
  total: number;
  unit: 'pframes' | 'bytes';
}

export interface OperationRelocationView {
  sourceDatastoreId: string;
  targetDatastoreId: string;
  totalBytes: number;
  maxCopyMiBps: number | null;
  cold: boolean;
  /** Latest measured copy throughput. */
  bytesPerSecond: number | null;
  mirroredWrites: number | null;
  copyDurationMs: number | null;
  /** The disks' content when the source was suspended (or, cold, when copied). */
  disks: DiskContentHash[] | null;
}

export interface OperationPhaseEntry {
  name: OperationPhase;
  startedAt: string;
  endedAt: string | null;
  /** The host agent's precise duration of a phase it timed (absent for the control plane's own phases). */
  durationMs?: number;
}

export interface OperationSegmentEntry {
  index: number;
  partition: number;
  ppnStart: number;
  ppnCount: number;
  state: 'pending' | 'done';
  startedAt: string | null;
  endedAt: string | null;
  checksum: string | null;
}

export interface OperationViewRow {
  id: string;
  kind: OperationKind;
  vmId: string;
  hostId: string;
  state: OperationViewState;
  phase: OperationPhase | null;
  mode: TransferMode;
  request: { source: VmHardware; target: VmHardware };
  progress: OperationProgress;
  phases: OperationPhaseEntry[];
  segments: OperationSegmentEntry[];
  predictedStunMs: number | null;
  stunMs: number | null;
  slaMs: number;
  slaBreached: boolean | null;
  checksum: string | null;
  error: { code: string; message: string } | null;
  relocation: OperationRelocationView | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ViewRows {
  host: HostViewRow;
  datastore: DatastoreViewRow;
  vm: VmViewRow;
  operation: OperationViewRow;
}

export type ViewName = keyof ViewRows;
export const VIEW_NAMES: readonly ViewName[] = ['host', 'datastore', 'vm', 'operation'];
