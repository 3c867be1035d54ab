import { describeProblems, encodeAgentError, HOST_AGENT_ERROR_CODES, HostCommandOf, HostCommandType, isHostCommandType, payloadSchemaOf } from '@fsr/contracts';
import { Job, UnrecoverableError } from 'bullmq';
import { AgentContext } from '../agent-context';
import { PartitionQueues } from '../fsr/partition-queues';
import { discardCommanded } from '../fsr/discard-commanded';
import { executeSwitchover } from '../fsr/switchover-executor';
import { switchoverStatus } from '../fsr/switchover-status';
import { prepareSwitchover } from '../fsr/switchover-preparer';
import { inspectMemory } from '../memory/memory-inspection';
import { copyDisks } from '../storage/copy-disks';
import { pathsInUse } from '../storage/paths-in-use';
import { createDiskFiles, deleteDiskFiles } from '../vm/disk-files';
import { powerOff, powerOnCommanded, requireVm } from '../vm/vm-power';
import { AgentRefusalError, refuse } from './agent-refusal';

type Handlers = { [T in HostCommandType]: (command: HostCommandOf<T>) => unknown };

function handlers(context: AgentContext, partitions: PartitionQueues): Handlers {
  return {
    'vm.power-on': (command) => powerOnCommanded(context, command),
    'vm.power-off': (command) => powerOff(context, command.vmId),
    'vm.create-disks': (command) => createDiskFiles(command.disks),
    'vm.delete-disks': (command) => deleteDiskFiles(command.disks, pathsInUse(context)),
    'vm.set-workload': (command) => requireVm(context, command.vmId).workload.configure(command.workload, command.disks),
    'fsr.prepare': (command) => prepareSwitchover(context, partitions, command),
    'fsr.switch-over': (command) => executeSwitchover(context, command.operationId, command.epoch),
    'fsr.discard': (command) => discardCommanded(context, command),
    'storage.copy-disks': (command) => copyDisks(context, command),
    'host.inspect-memory': () => inspectMemory(context),
    'fsr.status': (command) => switchoverStatus(context, command.operationId),
  };
}

/**
 * The host's commands queue: the job name is the command type, the return value its result. A payload
 * that does not read as its command is refused, with where it is wrong. Every refusal is an
 * UnrecoverableError whose message encodes the agent error code, so it is never retried.
 */
export function commandProcessor(context: AgentContext, partitions: PartitionQueues) {
  const table = handlers(context, partitions);
  return async (job: Job<unknown>): Promise<unknown> => {
    try {
      if (!isHostCommandType(job.name)) throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, `unknown command ${job.name}`);
      return (await run(table, job.name, job.data)) ?? null;
    } catch (error) {
      if (error instanceof AgentRefusalError) throw new UnrecoverableError(encodeAgentError(error.code, error.message));
      throw new UnrecoverableError(encodeAgentError('AGENT_ERROR', (error as Error).message));
    }
  };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T ties the handler to its schema's output in the body
function run<T extends HostCommandType>(table: Handlers, type: T, data: unknown): unknown {
  const payload = typeof data === 'object' && data !== null ? { ...data, type } : data;
  const read = payloadSchemaOf(type).safeParse(payload);
  if (!read.success) throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, `malformed ${type}: ${describeProblems(read.error)}`);
  const handle: (command: HostCommandOf<T>) => unknown = table[type];
  return handle(read.data);
}
