import { OperationKind, OperationPhase, TransferMode, VmHardware, VmWarning } from '@fsr/domain';
import {
  DatastoreViewRow,
  OperationPhaseEntry,
  OperationProgress,
  OperationRelocationView,
  OperationSegmentEntry,
  OperationViewState,
  VmViewRow,
} from '../projections/view-rows';

/** JSON answers of the read side: timestamps as ISO strings, positions as numbers. */
export interface HostDto {
  id: string;
  name: string;
  connectionState: 'connected' | 'disconnected';
  maintenance: boolean;
  capacity: { cpuCores: number; memoryMiB: number; numaNodes: number; coresPerNumaNode: number };
  used: { memoryMiB: number; vms: number };
  pframeTransferRate: { perThreadPFramesPerSecond: number | null; workerThreads: number };
  version: number;
  registeredAt: string;
  updatedAt: string;
}

/** A read-model row as JSON: its Date columns become ISO strings. */
export type WithIsoTimestamps<Row> = { [Key in keyof Row]: Row[Key] extends Date ? string : Row[Key] };

export type DatastoreDto = WithIsoTimestamps<DatastoreViewRow> & { freeMiB: number };

/** `warnings`: what the VM's configuration costs on its host, worked out when asked (never recorded). */
export type VmDto = WithIsoTimestamps<VmViewRow> & { warnings: VmWarning[] };

export interface OperationDto {
  id: string;
  kind: OperationKind;
  vmId: string;
  hostId: string;
  state: OperationViewState;
  phase: OperationPhase | null;
  mode: TransferMode;
  progress: OperationProgress;
  phases: OperationPhaseEntry[];
  predictedStunMs: number | null;
  stunMs: number | null;
  slaMs: number;
  slaBreached: boolean | null;
  segments: OperationSegmentEntry[];
  checksum: string | null;
  error?: { code: string; message: string };
  relocation?: OperationRelocationView;
  source: VmHardware;
  target: VmHardware;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryItemDto {
  position: number;
  streamVersion: number;
  type: string;
  occurredAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  data: unknown;
}

export interface EventLogItemDto extends HistoryItemDto {
  streamId: string;
}

export interface HistoryPageDto {
  items: HistoryItemDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface EventLogPageDto {
  items: EventLogItemDto[];
  /** Pass as `after` for the next page: the last position returned (or the one asked for when nothing came). */
  nextAfter: number;
  /** Pass as `cursor` for the next page; null when this page was not full. */
  nextCursor: string | null;
}
