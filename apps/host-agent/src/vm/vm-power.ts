import { HOST_AGENT_ERROR_CODES, PowerOnCommand, PowerOnResult } from '@fsr/contracts';
import { pagesForMiB } from '@fsr/domain';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { cancelPending, committedTable } from '../commands/pending-commits';
import { discardSwitchover } from '../fsr/switchover-discard';
import { PFrameTable } from '../memory/pframe-table';
import { mirrorOf } from '../storage/copy-disks';
import { GuestWorkload } from './guest-workload';
import { HostedVm, initialDeviceState, VmInstance } from './hosted-vm';

const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** As `powerOn`, for the command: the new table's pages are first committed on the copy threads. */
export async function powerOnCommanded(context: AgentContext, command: Omit<PowerOnCommand, 'type'>): Promise<PowerOnResult> {
  const pages = isPositiveInteger(command.memoryMiB) ? pagesForMiB(command.memoryMiB) : 0;
  // Refused, or answered at once, before any memory is spent on it.
  if (context.vms.has(command.vmId) || !isPositiveInteger(command.vcpus) || pages === 0 || context.pool.freeCount < pages) return powerOn(context, command);
  const blank = await committedTable(context, pages, poweringOnKey(command.vmId), undefined, `the power-on of VM ${command.vmId}`);
  return powerOn(context, command, blank);
}

const poweringOnKey = (vmId: string): string => `power-on:${vmId}`;

/** Gives the VM a PFrame table backed by fresh MPNs; powering on a VM that already runs is a no-op. */
export function powerOn(context: AgentContext, command: Omit<PowerOnCommand, 'type'>, blank?: PFrameTable): PowerOnResult {
  const running = context.vms.get(command.vmId);
  if (running) return { pages: running.pages };
  if (!isPositiveInteger(command.vcpus) || !isPositiveInteger(command.memoryMiB)) {
    throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, 'vcpus and memoryMiB must be positive integers');
  }
  const table = PFrameTable.allocate(context.pool, pagesForMiB(command.memoryMiB), blank);
  const deviceState = initialDeviceState(command.vcpus, command.memoryMiB, command.disks ?? []);
  hostVm(context, command.vmId, { table, deviceState });
  return { pages: table.pages };
}

/** Runs a VM on the host, on a table whose MPNs it owns: its guest idles until given a workload. */
export function hostVm(context: AgentContext, vmId: string, instance: VmInstance): HostedVm {
  const workload = new GuestWorkload(vmId, context.pool, () => vm.instance.table, (path) => mirrorOf(context, path));
  const vm: HostedVm = new HostedVm(vmId, instance, workload);
  context.vms.set(vmId, vm);
  return vm;
}

/** Stops the VM and returns its MPNs to the pool; a prepared switch-over of it is discarded first. */
export async function powerOff(context: AgentContext, vmId: string): Promise<void> {
  const vm = context.vms.get(vmId);
  if (!vm) {
    cancelPending(context, poweringOnKey(vmId), 'powered off');
    return;
  }
  const switchover = vm.busyWith ? context.switchovers.get(vm.busyWith) : undefined;
  if (switchover && switchover.phase !== 'prepared') {
    throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `VM ${vmId} is in switch-over ${switchover.operationId}`);
  }
  if (switchover) discardSwitchover(context, switchover, `VM ${vmId} powered off`);
  context.vms.delete(vmId);
  await vm.workload.stop();
  vm.instance.table.releaseTo(context.pool);
}

export function requireVm(context: AgentContext, vmId: string): HostedVm {
  const vm = context.vms.get(vmId);
  if (!vm) throw refuse(HOST_AGENT_ERROR_CODES.vmNotFound, `VM ${vmId} is not powered on on host ${context.hostId}`);
  return vm;
}
