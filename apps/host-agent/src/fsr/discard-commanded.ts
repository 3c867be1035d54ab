import { DiscardSwitchoverCommand, HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { cancelPending } from '../commands/pending-commits';
import { discardDiskCopy } from '../storage/copy-disks';
import { discardSwitchover } from './switchover-discard';

/** The control plane's discard: the destination (or the prepare still committing its table) and the disk copy. */
export async function discardCommanded(context: AgentContext, command: Omit<DiscardSwitchoverCommand, 'type'>): Promise<void> {
  const switchover = context.switchovers.get(command.operationId);
  // A discard of an older epoch arriving late must not drop the destination prepared after it.
  if (switchover && command.epoch !== undefined && switchover.epoch > command.epoch) return;
  if (switchover?.phase === 'executing') {
    throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `switch-over ${command.operationId} is executing`);
  }
  cancelPending(context, preparingKey(command.operationId), 'discarded by the control plane', command.epoch);
  if (switchover) discardSwitchover(context, switchover, 'discarded by the control plane');
  await discardDiskCopy(context, command.operationId, 'discarded by the control plane');
}

export const preparingKey = (operationId: string): string => `prepare:${operationId}`;
