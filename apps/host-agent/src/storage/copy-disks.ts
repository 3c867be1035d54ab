import { DiskCopyResult, DiskCopyStatus, HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { DiskCopyAbortedError, DiskCopyJob } from './disk-copy-job';
import { DiskMirror } from './disk-mirror';
import { DiskCopyAsk, DiskCopyEnding } from './ended-disk-copies';
import { pathsInUse } from './paths-in-use';

/**
 * Starts copying a relocating VM's disks in the background, or, asked again for the same operation and
 * disks (the driver polling it, or a control plane that lost track of it), says where that copy is: under
 * way with its progress, or how it ended. Powered on, the mirrors stay after the copy converged, so the
 * copies stay equal until the switch-over; powered off (cold) the copy is simply done.
 */
export async function copyDisks(context: AgentContext, command: DiskCopyAsk): Promise<DiskCopyStatus> {
  const running = context.diskCopies.get(command.operationId);
  if (running?.copies(command)) return statusOf(context, running);
  const ended = running ? undefined : context.endedDiskCopies.of(command);
  if (ended) return answer(ended);
  // Asked again while the first ask still opens its files (before the job is in diskCopies): the same copy.
  const starting = startingCopies(context);
  const underWay = starting.get(command.operationId);
  if (underWay) return statusOf(context, await underWay);
  const started = startCopy(context, command);
  starting.set(command.operationId, started);
  const forget = () => {
    if (starting.get(command.operationId) === started) starting.delete(command.operationId);
  };
  started.then(forget, forget);
  return statusOf(context, await started);
}

function statusOf(context: AgentContext, job: DiskCopyJob): DiskCopyStatus {
  const ended = context.endedDiskCopies.of(job.command);
  return ended ? answer(ended) : { state: 'copying', ...job.progress() };
}

function answer(ending: DiskCopyEnding): DiskCopyStatus {
  if ('refusal' in ending) throw ending.refusal;
  return { state: 'copied', result: ending.result };
}

const starts = new WeakMap<AgentContext, Map<string, Promise<DiskCopyJob>>>();
const startingCopies = (context: AgentContext) => {
  let map = starts.get(context);
  if (!map) starts.set(context, (map = new Map<string, Promise<DiskCopyJob>>()));
  return map;
};

async function startCopy(context: AgentContext, command: DiskCopyAsk): Promise<DiskCopyJob> {
  const { operationId, vmId } = command;
  if (context.diskCopies.has(operationId)) await discardDiskCopy(context, operationId, 'copied again with other disks');
  await discardStaleCopiesOf(context, vmId, operationId);
  const vm = context.vms.get(vmId);
  if (vm?.busyWith) throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `VM ${vmId} is in switch-over ${vm.busyWith}`);
  const job = await DiskCopyJob.open(command, context.diskCopier).catch((error: Error) => {
    throw refuse(HOST_AGENT_ERROR_CODES.diskIo, `cannot open the disks of ${vmId}: ${error.message}`);
  });
  context.diskCopies.set(operationId, job);
  void runCopy(context, job);
  return job;
}

/** The copy in the background; its ending is kept for whoever asks next. It never rejects. */
async function runCopy(context: AgentContext, job: DiskCopyJob): Promise<void> {
  const { operationId, vmId } = job.command;
  let result: DiskCopyResult;
  try {
    result = await job.run((progress) => {
      context.publish({ type: 'storage.copy-progress', hostId: context.hostId, agentInstanceId: context.agentInstanceId, operationId, ...progress }).catch(() => undefined);
    });
  } catch (error) {
    // This job's own end: a newer copy of the operation may hold its place in the map by now, and its ending is its own.
    const current = context.diskCopies.get(operationId) === job;
    if (current) await discardDiskCopy(context, operationId, (error as Error).message).catch(() => undefined);
    if (!current && context.diskCopies.has(operationId)) return;
    const code = error instanceof DiskCopyAbortedError ? HOST_AGENT_ERROR_CODES.cancelled : HOST_AGENT_ERROR_CODES.diskIo;
    context.endedDiskCopies.record(job.command, { refusal: refuse(code, `disk copy of ${vmId}: ${(error as Error).message}`) });
    return;
  }
  // A discard that came meanwhile recorded its own ending: the copy is gone, whatever it achieved.
  if (context.diskCopies.get(operationId) !== job) return;
  context.endedDiskCopies.record(job.command, { result });
  // Closing a cold copy's files: its result stands even if a close fails.
  if (!context.vms.has(vmId)) await finishDiskCopy(context, operationId).catch(() => undefined);
}

/** A VM is in one relocation at a time: a copy of it for another operation is one whose end this agent never heard of. */
async function discardStaleCopiesOf(context: AgentContext, vmId: string, operationId: string): Promise<void> {
  const stale = [...context.diskCopies.values()].filter((job) => job.command.vmId === vmId && job.operationId !== operationId);
  for (const job of stale) await discardDiskCopy(context, job.operationId, `superseded by relocation ${operationId}`);
}

/** The VM runs on the copies now (or the cold copy is done): stop mirroring, keep the target files. */
export async function finishDiskCopy(context: AgentContext, operationId: string): Promise<void> {
  const job = context.diskCopies.get(operationId);
  if (!job) return;
  context.diskCopies.delete(operationId);
  await job.close();
}

/** The relocation will not happen: stop the copy and remove what it wrote, never a file something else uses. */
export async function discardDiskCopy(context: AgentContext, operationId: string, reason: string): Promise<void> {
  // One still opening its files is discarded once it has: it must not be left running with nobody to end it.
  await startingCopies(context).get(operationId)?.catch(() => undefined);
  const job = context.diskCopies.get(operationId);
  if (!job) return;
  context.diskCopies.delete(operationId);
  context.endedDiskCopies.record(job.command, { refusal: refuse(HOST_AGENT_ERROR_CODES.cancelled, `disk copy of ${job.command.vmId} discarded: ${reason}`) });
  await job.discard(reason, () => pathsInUse(context));
}

export function mirrorOf(context: AgentContext, sourcePath: string): DiskMirror | undefined {
  for (const job of context.diskCopies.values()) {
    const mirror = job.mirrorOf(sourcePath);
    if (mirror) return mirror;
  }
  return undefined;
}
