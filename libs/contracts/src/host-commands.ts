import { DiskContentHash, GuestWorkload, SegmentPlan, SegmentResult, TransferMode } from '@fsr/domain';

export interface DiskFile {
  readonly diskId: string;
  /** Absolute path of the disk file. */
  readonly path: string;
  readonly sizeMiB: number;
}

/** Test-only fault injection, honoured only by agents started with FAULT_INJECTION=enabled. */
export interface SegmentFaultInjection {
  readonly segmentIndex: number;
  /** How many attempts of that segment fail before one succeeds. */
  readonly failAttempts: number;
  /** `throw` fails the job; `crash-thread` kills the copy worker thread; `stall` holds the attempt STALL_MS before it copies. */
  readonly kind: 'throw' | 'crash-thread' | 'stall';
}

export interface PowerOnCommand {
  readonly type: 'vm.power-on';
  readonly vmId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly disks: DiskFile[];
}
export interface PowerOffCommand {
  readonly type: 'vm.power-off';
  readonly vmId: string;
}
export interface CreateDisksCommand {
  readonly type: 'vm.create-disks';
  readonly vmId: string;
  readonly disks: DiskFile[];
}
export interface DeleteDisksCommand {
  readonly type: 'vm.delete-disks';
  readonly vmId: string;
  readonly disks: DiskFile[];
}
export interface SetWorkloadCommand {
  readonly type: 'vm.set-workload';
  readonly vmId: string;
  readonly workload: GuestWorkload | null;
  readonly disks: DiskFile[];
}

export interface PrepareSwitchoverCommand {
  readonly type: 'fsr.prepare';
  readonly operationId: string;
  readonly epoch: number;
  readonly vmId: string;
  readonly mode: TransferMode;
  readonly targetVcpus: number;
  readonly targetMemoryMiB: number;
  readonly segments: SegmentPlan[];
  /** Relocations: the destination runs on these disks (already copied and mirrored by `storage.copy-disks`). */
  readonly targetDisks?: DiskFile[];
  readonly faultInjection?: SegmentFaultInjection;
}
export interface ExecuteSwitchoverCommand {
  readonly type: 'fsr.switch-over';
  readonly operationId: string;
  readonly epoch: number;
}
export interface DiscardSwitchoverCommand {
  readonly type: 'fsr.discard';
  readonly operationId: string;
}
export interface DiskCopy {
  readonly diskId: string;
  readonly sourcePath: string;
  readonly targetPath: string;
  readonly sizeMiB: number;
}
/**
 * Copies disks in chunks while the guest runs, mirroring its writes to already-copied chunks, then reads
 * the copies back. Powered on, the mirror stays until the switch-over (or a discard) ends it.
 */
export interface CopyDisksCommand {
  readonly type: 'storage.copy-disks';
  readonly operationId: string;
  readonly vmId: string;
  readonly disks: DiskCopy[];
  readonly maxCopyMiBps: number | null;
}
export interface DiskCopyResult {
  readonly bytes: number;
  readonly durationMs: number;
  readonly bytesPerSecond: number;
  readonly mirroredWrites: number;
  /** Content of the copies as read back; for a running VM, what it was at the end of the copy. */
  readonly disks: DiskContentHash[];
}
export interface InspectMemoryCommand {
  readonly type: 'host.inspect-memory';
}
/** What the agent holds of one switch-over: asked by a restarted control plane to settle it. */
export interface SwitchoverStatusCommand {
  readonly type: 'fsr.status';
  readonly operationId: string;
}

export type HostCommand =
  | PowerOnCommand
  | PowerOffCommand
  | CreateDisksCommand
  | DeleteDisksCommand
  | SetWorkloadCommand
  | PrepareSwitchoverCommand
  | ExecuteSwitchoverCommand
  | DiscardSwitchoverCommand
  | CopyDisksCommand
  | InspectMemoryCommand
  | SwitchoverStatusCommand;

export interface PowerOnResult {
  readonly pages: number;
}
export interface PrepareSwitchoverResult {
  readonly preparedAt: number;
  readonly destinationPages: number;
  /** Pages of hot-added memory that got fresh MPNs from the host pool. */
  readonly freshPages: number;
}

/** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()). */
export type PreciseTime = number;

export interface PhaseTiming {
  readonly phase: 'suspend' | 'device-state-transfer' | 'pframe-transfer' | 'resume' | 'cleanup';
  readonly startedAt: PreciseTime;
  readonly endedAt: PreciseTime;
}

export type SwitchoverResult =
  | {
      readonly outcome: 'switched-over';
      readonly suspendedAt: PreciseTime;
      readonly resumedAt: PreciseTime;
      readonly phases: PhaseTiming[];
      readonly segments: SegmentResult[];
      /** totalChecksum() of the destination segments: the CRC-32 of the whole transferred table, equal to the source's. */
      readonly checksum: string;
      /** Relocations: the disks' content at the suspend, the same on both copies. */
      readonly disks?: DiskContentHash[];
    }
  | {
      readonly outcome: 'rolled-back';
      readonly suspendedAt: PreciseTime | null;
      readonly resumedAt: PreciseTime | null;
      readonly phases: PhaseTiming[];
      readonly segments: SegmentResult[];
      readonly cause: { readonly code: string; readonly message: string };
    };

export interface MemoryInspection {
  readonly totalMpns: number;
  readonly freeMpns: number;
  readonly vms: {
    readonly vmId: string;
    readonly pages: number;
    readonly checksum: string;
    /** After a switch-over: the pages carried over from the source and their checksum now (hot-added pages excluded). */
    readonly carriedOver?: { readonly pages: number; readonly checksum: string };
  }[];
  /** MPNs that appear in more than one PFrame table, or in a table and the free pool. */
  readonly conflictingMpns: number;
}

/** A segment job's payload on a PFrame partition queue. */
export interface SegmentJobData {
  readonly operationId: string;
  readonly epoch: number;
  readonly segment: SegmentPlan;
  /** For people reading the queues (the dashboard): the VM whose memory the segment moves. */
  readonly vmId?: string;
}

/** `ended` keeps the agent's result, so a control plane that missed it can still record it. */
export type SwitchoverStatus =
  | { readonly state: 'unknown' }
  | { readonly state: 'preparing' | 'prepared' | 'executing'; readonly epoch: number }
  | { readonly state: 'ended'; readonly epoch: number; readonly result: SwitchoverResult };
