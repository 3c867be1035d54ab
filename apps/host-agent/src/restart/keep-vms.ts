import { AgentVmState } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { PFrameTable } from '../memory/pframe-table';
import { hostVm } from '../vm/vm-power';
import { KeptVmRecord, takeKeptVms, writeKeptVms } from './kept-vms-file';

type Log = (message: string) => void;

const reported = (record: KeptVmRecord): AgentVmState => ({
  vmId: record.vmId,
  pages: record.pages,
  vcpus: record.deviceState.vcpus,
  pframeChecksum: record.pframeChecksum,
});

/**
 * A planned stop, as ESXi's management agents restart without touching the VMs: each guest stops where it
 * is (its write in flight ends first) and each VM, PFrame table included, is written under `dir`.
 */
export async function keepVms(context: AgentContext, dir: string): Promise<AgentVmState[]> {
  const vms = [...context.vms.values()];
  const workloads = vms.map((vm) => vm.workload.kept);
  await Promise.all(vms.map((vm) => vm.workload.stop()));
  const records: KeptVmRecord[] = vms.map((vm, index) => ({
    vmId: vm.vmId,
    pages: vm.pages,
    pframeChecksum: vm.instance.table.checksum(),
    carriedOverPages: vm.carriedOverPages,
    deviceState: structuredClone(vm.instance.deviceState),
    workload: structuredClone(workloads[index]),
  }));
  const tables = new Map(vms.map((vm) => [vm.vmId, vm.instance.table]));
  const kept = { format: 1 as const, hostId: context.hostId, keptAt: new Date().toISOString(), vms: records, endedSwitchovers: context.endedSwitchovers.entries() };
  await writeKeptVms(dir, kept, tables);
  return records.map(reported);
}

/**
 * At start: takes back the VMs the last planned stop kept, and their guests go on. A VM whose table does
 * not match the checksum it was kept with, or whose machine pages this host cannot give it, is left out:
 * the control plane then records it lost, as after a crash.
 */
export async function takeBackVms(context: AgentContext, dir: string, log: Log): Promise<AgentVmState[]> {
  const kept = await takeKeptVms(dir).catch((error: Error) => {
    log(`the VMs kept by the last stop cannot be read, none is taken back: ${error.message}`);
    return null;
  });
  if (!kept) return [];
  if (kept.manifest.hostId !== context.hostId) {
    log(`the VMs kept under ${dir} belong to host ${kept.manifest.hostId}, not ${context.hostId}: none is taken back`);
    return [];
  }
  for (const { operationId, epoch, result } of kept.manifest.endedSwitchovers) context.endedSwitchovers.record(operationId, epoch, result);
  const restored: AgentVmState[] = [];
  const taken = [];
  for (const record of kept.manifest.vms) {
    const table = kept.tables.get(record.vmId);
    const refusal = table ? takeBack(context, table, record) : kept.unreadable.get(record.vmId);
    if (refusal || !table) {
      log(`VM ${record.vmId} is not taken back: ${String(refusal)}`);
      continue;
    }
    const vm = hostVm(context, record.vmId, { table, deviceState: record.deviceState });
    vm.carriedOverPages = record.carriedOverPages;
    taken.push({ vm, record });
  }
  // Every table claims its pages before any guest runs again (a guest's remaps take free pages).
  for (const { vm, record } of taken) {
    await vm.workload.resumeFrom(record.workload);
    restored.push(reported(record));
  }
  log(`took back ${restored.length} of ${kept.manifest.vms.length} VM(s) kept by the planned stop at ${kept.manifest.keptAt}`);
  return restored;
}

function takeBack(context: AgentContext, table: PFrameTable, record: KeptVmRecord): string | null {
  if (context.vms.has(record.vmId)) return 'it is already running';
  if (table.checksum() !== record.pframeChecksum) return 'its PFrame table does not match the checksum it was kept with';
  if (!table.claimFrom(context.pool)) return `its machine pages are not free on this host (${context.pool.totalMpns} MPNs)`;
  return null;
}
