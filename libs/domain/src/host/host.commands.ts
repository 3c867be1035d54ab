import { HostCapacity, HostDisconnectReason, KeptVm } from './host.events';

export type ConnectHost = {
  readonly type: 'connect';
  readonly hostId: string;
  readonly name: string;
  readonly agentInstanceId: string;
  readonly capacity: HostCapacity;
  readonly restoredVms?: readonly KeptVm[];
};
export type DisconnectHost = {
  readonly type: 'disconnect';
  readonly agentInstanceId: string;
  readonly reason: HostDisconnectReason;
  readonly keptVms?: readonly KeptVm[];
};
/** Records that the loss of the instance was handled. */
export type RecordHostLossHandled = { readonly type: 'record-loss-handled'; readonly agentInstanceId: string };
export type SetHostMaintenance = { readonly type: 'set-maintenance'; readonly enabled: boolean };
/** Sets the VM's committed total on the host; 0 releases it. */
export type CommitVmMemory = {
  readonly type: 'commit-vm-memory';
  readonly vmId: string;
  readonly memoryMiB: number;
  readonly operationId?: string;
};

export type HostCommand = ConnectHost | DisconnectHost | RecordHostLossHandled | SetHostMaintenance | CommitVmMemory;
