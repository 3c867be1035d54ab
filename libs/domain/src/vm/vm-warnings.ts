import { HostNumaLayout, VnumaDisabledByCpuHotAddWarning, vnumaDisabledByCpuHotAdd } from './vnuma-warning';
import { VmHardware } from './vm.events';

export type VmWarning = VnumaDisabledByCpuHotAddWarning;

/** What a configuration costs the VM on its host: for the operator to know, never a refusal. Empty when nothing. */
export function vmWarnings(vm: Pick<VmHardware, 'vcpus' | 'cpuHotAddEnabled'>, host: HostNumaLayout): VmWarning[] {
  return [vnumaDisabledByCpuHotAdd(vm, host)].filter((warning): warning is VmWarning => warning !== null);
}
