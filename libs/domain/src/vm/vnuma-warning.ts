import { coresPerNumaNode } from '../host/host-capacity';
import { HostCapacity } from '../host/host.events';
import { VmHardware } from './vm.events';

/** vSphere shows a guest virtual NUMA nodes only from 9 vCPUs (`numa.vcpu.min`): a smaller VM loses nothing. */
export const VNUMA_MIN_VCPUS = 9;

export interface VnumaDisabledByCpuHotAddWarning {
  readonly code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD';
  readonly message: string;
  readonly vcpus: number;
  readonly coresPerNumaNode: number;
}

export interface HostNumaLayout {
  readonly hostId: string;
  readonly capacity: Pick<HostCapacity, 'cpuCores' | 'numaNodes'>;
}

/**
 * CPU hot add disables vNUMA (vSphere 7 and before): a VM wider than one NUMA node of its host, which would
 * have been shown the host's nodes, sees one uniform memory instead. Null when the VM loses nothing by it.
 */
export function vnumaDisabledByCpuHotAdd(
  vm: Pick<VmHardware, 'vcpus' | 'cpuHotAddEnabled'>,
  host: HostNumaLayout,
): VnumaDisabledByCpuHotAddWarning | null {
  const perNode = coresPerNumaNode(host.capacity);
  const spansNodes = perNode > 0 && vm.vcpus > perNode;
  if (!vm.cpuHotAddEnabled || !spansNodes || vm.vcpus < VNUMA_MIN_VCPUS) return null;
  const mostVcpusWithoutLoss = Math.max(perNode, VNUMA_MIN_VCPUS - 1);
  return {
    code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD',
    message:
      `CPU hot add disables vNUMA: the VM's ${vm.vcpus} vCPUs span more than one NUMA node of ${host.hostId} ` +
      `(${perNode} cores per node), so the guest sees uniform memory, cannot keep its threads next to their memory, ` +
      `and large workloads slow down. Disable CPU hot add (with the VM powered off), ` +
      `or keep the VM at ${mostVcpusWithoutLoss} vCPUs or fewer.`,
    vcpus: vm.vcpus,
    coresPerNumaNode: perNode,
  };
}
