import { HostCapacity } from '@fsr/domain';

/** What a host agent holds in memory; after a restart it holds nothing. */
export interface AgentVmState {
  readonly vmId: string;
  readonly pages: number;
  readonly vcpus: number;
}

export interface AgentStartedReport {
  readonly type: 'agent.started';
  readonly hostId: string;
  readonly name: string;
  readonly agentInstanceId: string;
  readonly capacity: HostCapacity;
  readonly vms: AgentVmState[];
}

export interface AgentHeartbeatReport {
  readonly type: 'agent.heartbeat';
  readonly hostId: string;
  readonly agentInstanceId: string;
  readonly sentAt: number;
}

export interface AgentStoppingReport {
  readonly type: 'agent.stopping';
  readonly hostId: string;
  readonly agentInstanceId: string;
}

/** Sent by a running `storage.copy-disks` at least once a second. */
export interface DiskCopyProgressReport {
  readonly type: 'storage.copy-progress';
  readonly hostId: string;
  readonly agentInstanceId: string;
  readonly operationId: string;
  readonly copiedBytes: number;
  readonly totalBytes: number;
  readonly bytesPerSecond: number;
}

export type HostReport = AgentStartedReport | AgentHeartbeatReport | AgentStoppingReport | DiskCopyProgressReport;
