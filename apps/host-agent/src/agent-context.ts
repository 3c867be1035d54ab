import { CopyPool } from './copy/copy-pool';
import { EndedSwitchovers } from './fsr/ended-switchovers';
import { PreparedSwitchover } from './fsr/prepared-switchover';
import { SegmentCopier } from './fsr/segment-copier';
import { MpnPool } from './memory/mpn-pool';
import { HostedVm } from './vm/hosted-vm';
import { DiskCopyJob } from './storage/disk-copy-job';
import { EndedDiskCopies } from './storage/ended-disk-copies';
import { StripeCopier } from './storage/disk-mirror';
import { HostReport } from '@fsr/contracts';

export interface AgentSettings {
  readonly prepareTtlMs: number;
}

/** The host's in-memory state that every command works on. */
export interface AgentContext {
  readonly hostId: string;
  readonly agentInstanceId: string;
  readonly settings: AgentSettings;
  readonly pool: MpnPool;
  readonly copyPool: CopyPool;
  /** Copies the segments of a stun (on `copyPool`). */
  readonly segmentCopier: SegmentCopier;
  /** The threads that copy relocating disks. */
  readonly diskCopier: StripeCopier;
  readonly vms: Map<string, HostedVm>;
  /** Prepared or executing switch-overs by operation id. */
  readonly switchovers: Map<string, PreparedSwitchover>;
  /** Live disk copies of relocations by operation id. */
  readonly diskCopies: Map<string, DiskCopyJob>;
  /** Sends a report to the control plane. */
  readonly publish: (report: HostReport) => Promise<void>;
  readonly endedSwitchovers: EndedSwitchovers;
  /** How the last disk copies ended, for a driver that asks after the end. */
  readonly endedDiskCopies: EndedDiskCopies;
}
