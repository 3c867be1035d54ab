import { HostCapacity, HostDisconnectReason } from '@fsr/domain';
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
  ) {}
}

export class DisconnectHostCommand {
  constructor(
    readonly hostId: string,
    readonly agentInstanceId: string,
    readonly reason: HostDisconnectReason,
    readonly context: CommandContext,
  ) {}
}

export class SetHostMaintenanceCommand {
  constructor(
    readonly hostId: string,
    readonly enabled: boolean,
    readonly context: CommandContext,
  ) {}
}

/** A host agent instance is gone: end what it was doing and record what died with it. */
export class HandleHostLossCommand {
  constructor(
    readonly hostId: string,
    readonly agentInstanceId: string,
    readonly reason: HostDisconnectReason,
    readonly context: CommandContext,
  ) {}
}
