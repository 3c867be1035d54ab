import { encodeAgentError, HOST_AGENT_ERROR_CODES, HostCommand } from '@fsr/contracts';
import { Job, UnrecoverableError } from 'bullmq';
import { AgentContext } from '../agent-context';
import { PartitionQueues } from '../fsr/partition-queues';
import { discardSwitchover } from '../fsr/switchover-discard';
import { executeSwitchover } from '../fsr/switchover-executor';
import { switchoverStatus } from '../fsr/switchover-status';
import { prepareSwitchover } from '../fsr/switchover-preparer';
import { inspectMemory } from '../memory/memory-inspection';
import { copyDisks, discardDiskCopy } from '../storage/copy-disks';
import { createDiskFiles, deleteDiskFiles } from '../vm/disk-files';
import { powerOff, powerOn, requireVm } from '../vm/vm-power';
import { AgentRefusalError, refuse } from './agent-refusal';

type Handlers = { [T in HostCommand['type']]: (command: Extract<HostCommand, { type: T }>) => unknown };

function handlers(context: AgentContext, partitions: PartitionQueues): Handlers {
  return {
    'vm.power-on': (command) => powerOn(context, command),
    'vm.power-off': (command) => powerOff(context, command.vmId),
    'vm.create-disks': (command) => createDiskFiles(command.disks),
    'vm.delete-disks': (command) => deleteDiskFiles(command.disks),
    'vm.set-workload': (command) => requireVm(context, command.vmId).workload.configure(command.workload, command.disks),
    'fsr.prepare': (command) => prepareSwitchover(context, partitions, command),
    'fsr.switch-over': (command) => executeSwitchover(context, command.operationId, command.epoch),
    'fsr.discard': async (command) => {
      const switchover = context.switchovers.get(command.operationId);
      if (switchover?.phase === 'executing') {
        throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `switch-over ${command.operationId} is executing`);
      }
      if (switchover) discardSwitchover(context, switchover, 'discarded by the control plane');
      await discardDiskCopy(context, command.operationId, 'discarded by the control plane');
    },
    'storage.copy-disks': (command) => copyDisks(context, command),
    'host.inspect-memory': () => inspectMemory(context),
    'fsr.status': (command) => switchoverStatus(context, command.operationId),
  };
}

/**
 * The host's commands queue: the job name is the command type, the return value its result. Every
 * refusal is an UnrecoverableError whose message encodes the agent error code, so it is never retried.
 */
export function commandProcessor(context: AgentContext, partitions: PartitionQueues) {
  const table = handlers(context, partitions);
  return async (job: Job<HostCommand>): Promise<unknown> => {
    const type = job.name as HostCommand['type'];
    try {
      const handle = table[type] as ((command: HostCommand) => unknown) | undefined;
      if (!handle) throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, `unknown command ${job.name}`);
      return (await handle({ ...job.data, type } as HostCommand)) ?? null;
    } catch (error) {
      if (error instanceof AgentRefusalError) throw new UnrecoverableError(encodeAgentError(error.code, error.message));
      throw new UnrecoverableError(encodeAgentError('AGENT_ERROR', (error as Error).message));
    }
  };
}
