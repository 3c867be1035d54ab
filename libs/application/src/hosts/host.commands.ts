import { HostCapacity, HostDisconnectReason, KeptVm } from '@fsr/domain';
import { CommandContext } from '../common/command-context';

export class ConnectHostCommand {
  constructor(
    readonly hostId: string,
    readonly name: string,
    readonly agentInstanceId: string,
    readonly capacity: HostCapacity,
    /** VMs the agent really holds in memory; the others are reconciled as powered off. */
    readonly runningVmIds: readonly string[],
    readonly context: CommandContext,
    /** The VMs among them the agent took back from its data directory after a planned restart. */
    readonly restoredVms: readonly KeptVm[] = [],
  ) {}
}

export class DisconnectHostCommand {
  constructor(
    readonly hostId: string,
    readonly agentInstanceId: string,
    readonly reason: HostDisconnectReason,
    readonly context: CommandContext,
    /** A planned restart: the VMs the agent kept in its data directory. */
    readonly keptVms?: readonly KeptVm[],
  ) {}
}

/** A host agent instance is gone: end what it was doing and record what died with it (as the host's log holds its loss). */
export class HandleHostLossCommand {
  constructor(
    readonly hostId: string,
    readonly agentInstanceId: string,
    readonly context: CommandContext,
  ) {}
}
