import {
  CopyDisksCommand,
  CreateDisksCommand,
  DiskCopyStatus,
  DeleteDisksCommand,
  MemoryInspection,
  PowerOnCommand,
  PowerOnResult,
  PrepareSwitchoverCommand,
  PrepareSwitchoverResult,
  SetWorkloadCommand,
  SwitchoverResult,
  SwitchoverStatus,
} from '@fsr/contracts';

export const HOST_AGENT_GATEWAY = Symbol('HOST_AGENT_GATEWAY');

type Body<C> = Omit<C, 'type'>;

/**
 * The control plane's only way to act on a host: each call is a job on the host's
 * commands queue, answered by that host's agent. Rejects with HostAgentUnavailableError
 * when no agent answers in time, HostAgentRejectedError when the agent refuses.
 */
export interface HostAgentGateway {
  powerOn(hostId: string, command: Body<PowerOnCommand>): Promise<PowerOnResult>;
  powerOff(hostId: string, vmId: string): Promise<void>;
  createDisks(hostId: string, command: Body<CreateDisksCommand>): Promise<void>;
  deleteDisks(hostId: string, command: Body<DeleteDisksCommand>): Promise<void>;
  setWorkload(hostId: string, command: Body<SetWorkloadCommand>): Promise<void>;
  /** Builds the destination (fresh MPNs for added memory, touched table) and has the agent queue one armed job per segment on its partitions. */
  prepareSwitchover(hostId: string, command: Body<PrepareSwitchoverCommand>): Promise<PrepareSwitchoverResult>;
  /** Suspend, transfer, verify and resume on the host; the agent rolls back by itself on failure. */
  executeSwitchover(hostId: string, operationId: string, epoch: number): Promise<SwitchoverResult>;
  /** Ends a prepared switch-over or a disk copy of the operation; a partial copy's files are removed. */
  discardSwitchover(hostId: string, operationId: string, epoch?: number): Promise<void>;
  /**
   * Starts the copy in the agent's background, or, asked again, answers where it is (its progress, or its
   * result once converged): whoever drives the relocation asks until it is copied. Progress also comes as reports.
   */
  copyDisks(hostId: string, command: Body<CopyDisksCommand>): Promise<DiskCopyStatus>;
  inspectMemory(hostId: string): Promise<MemoryInspection>;
  /** What the agent holds of a switch-over, for a control plane that lost track of it. */
  switchoverStatus(hostId: string, operationId: string): Promise<SwitchoverStatus>;
  /** What the agent answered to the switch-over of this epoch, if its job ended and is still kept (read without the agent). */
  finishedSwitchover(hostId: string, operationId: string, epoch: number): Promise<SwitchoverResult | null>;
}
