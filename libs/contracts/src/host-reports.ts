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

export type HostReport = AgentStartedReport | AgentHeartbeatReport | AgentStoppingReport;
