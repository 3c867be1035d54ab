import { HOST_AGENT_ERROR_CODES, PrepareSwitchoverCommand } from '@fsr/contracts';
import { pagesForMiB } from '@fsr/domain';
import { AgentContext } from '../agent-context';
import { preciseNow } from '../clock';
import { refuse } from '../commands/agent-refusal';
import { PFrameTable } from '../memory/pframe-table';
import { HostedVm, initialDeviceState } from '../vm/hosted-vm';
import { requireVm } from '../vm/vm-power';
import { PreparedSwitchover } from './prepared-switchover';
import { assertSegmentsTile } from './segment-plan';

/** The refusals of a prepare, before any memory is spent on it: answered again when the destination is built. */
export function checkDestination(context: AgentContext, command: Omit<PrepareSwitchoverCommand, 'type'>): { vm: HostedVm; targetPages: number } {
  const vm = requireVm(context, command.vmId);
  if (vm.busyWith) throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `VM ${vm.vmId} is in switch-over ${vm.busyWith}`);
  const targetPages = pagesForMiB(command.targetMemoryMiB);
  if (!Number.isInteger(command.targetVcpus) || command.targetVcpus < 1 || !(targetPages >= vm.pages)) {
    throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, 'target must keep at least the source memory and one vCPU');
  }
  assertSegmentsTile(command.segments, vm.pages);
  if (command.targetDisks && !context.diskCopies.get(command.operationId)?.mirrors.every((mirror) => mirror.converged)) {
    throw refuse(HOST_AGENT_ERROR_CODES.notPrepared, `the disks of ${vm.vmId} are not copied to their target yet`);
  }
  return { vm, targetPages };
}

/**
 * Checks the plan and builds the ghost destination in memory: a table for the target size, touched so
 * the stun pays no first-touch cost (by the caller, off the main thread, or here), with fresh MPNs for the
 * hot-added pages. Registers it as preparing.
 */
export function buildDestination(context: AgentContext, command: Omit<PrepareSwitchoverCommand, 'type'>, touched?: PFrameTable): PreparedSwitchover {
  const { vm, targetPages } = checkDestination(context, command);
  const table = touched?.pages === targetPages ? touched : new PFrameTable(targetPages).touch();
  table.mapRuns(context.pool.allocate(targetPages - vm.pages), vm.pages);
  const deviceState = initialDeviceState(command.targetVcpus, command.targetMemoryMiB, []);
  const switchover = new PreparedSwitchover(command, vm.instance, { table, deviceState }, preciseNow());
  context.switchovers.set(command.operationId, switchover);
  vm.busyWith = command.operationId;
  return switchover;
}
