import { CopyDisksCommand, DiskCopyResult, HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { DiskCopyAbortedError, DiskCopyJob } from './disk-copy-job';
import { DiskMirror } from './disk-mirror';

/**
 * Copies a relocating VM's disks. Powered on, the mirrors stay after the copy converged, so the
 * copies stay equal until the switch-over; powered off (cold) the copy is simply done.
 */
export async function copyDisks(context: AgentContext, command: Omit<CopyDisksCommand, 'type'>): Promise<DiskCopyResult> {
  const { operationId, vmId } = command;
  await discardDiskCopy(context, operationId, 'copied again');
  const vm = context.vms.get(vmId);
  if (vm?.busyWith) throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `VM ${vmId} is in switch-over ${vm.busyWith}`);
  const job = await DiskCopyJob.open(command).catch((error: Error) => {
    throw refuse(HOST_AGENT_ERROR_CODES.diskIo, `cannot open the disks of ${vmId}: ${error.message}`);
  });
  context.diskCopies.set(operationId, job);
  let result: DiskCopyResult;
  try {
    result = await job.run((progress) => {
      context.publish({ type: 'storage.copy-progress', hostId: context.hostId, agentInstanceId: context.agentInstanceId, operationId, ...progress }).catch(() => undefined);
    });
  } catch (error) {
    await discardDiskCopy(context, operationId, (error as Error).message);
    const code = error instanceof DiskCopyAbortedError ? HOST_AGENT_ERROR_CODES.cancelled : HOST_AGENT_ERROR_CODES.diskIo;
    throw refuse(code, `disk copy of ${vmId}: ${(error as Error).message}`);
  }
  if (!context.vms.has(vmId)) await finishDiskCopy(context, operationId);
  return result;
}

/** The VM runs on the copies now (or the cold copy is done): stop mirroring, keep the target files. */
export async function finishDiskCopy(context: AgentContext, operationId: string): Promise<void> {
  const job = context.diskCopies.get(operationId);
  if (!job) return;
  context.diskCopies.delete(operationId);
  await job.close();
}

/** The relocation will not happen: stop the copy and remove what it wrote. */
export async function discardDiskCopy(context: AgentContext, operationId: string, reason: string): Promise<void> {
  const job = context.diskCopies.get(operationId);
  if (!job) return;
  context.diskCopies.delete(operationId);
  await job.discard(reason);
}

export function mirrorOf(context: AgentContext, sourcePath: string): DiskMirror | undefined {
  for (const job of context.diskCopies.values()) {
    const mirror = job.mirrorOf(sourcePath);
    if (mirror) return mirror;
  }
  return undefined;
}
