import { vmWarnings } from './vm-warnings';
import { VNUMA_MIN_VCPUS, vnumaDisabledByCpuHotAdd } from './vnuma-warning';

const host = (cpuCores: number, numaNodes: number) => ({ hostId: 'host-1', capacity: { cpuCores, numaNodes } });
const twoNodesOf8 = host(16, 2);
const vm = (vcpus: number, cpuHotAddEnabled = true) => ({ vcpus, cpuHotAddEnabled });

describe('vNUMA disabled by CPU hot add', () => {
  it('warns of a VM with CPU hot add wider than one NUMA node, with its vCPUs and the cores per node', () => {
    expect(vnumaDisabledByCpuHotAdd(vm(12), twoNodesOf8)).toEqual({
      code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD',
      message:
        "CPU hot add disables vNUMA: the VM's 12 vCPUs span more than one NUMA node of host-1 (8 cores per node), " +
        'so the guest sees uniform memory, cannot keep its threads next to their memory, and large workloads slow down. ' +
        'Disable CPU hot add (with the VM powered off), or keep the VM at 8 vCPUs or fewer.',
      vcpus: 12,
      coresPerNumaNode: 8,
    });
  });

  it('says nothing of a VM that fits one node: vcpus equal to the cores per node is the boundary', () => {
    expect(vnumaDisabledByCpuHotAdd(vm(8), twoNodesOf8)).toBeNull();
    expect(vnumaDisabledByCpuHotAdd(vm(9), twoNodesOf8)).toMatchObject({ vcpus: 9, coresPerNumaNode: 8 });
  });

  it('says nothing when CPU hot add is disabled: vNUMA is on', () => {
    expect(vnumaDisabledByCpuHotAdd(vm(16, false), twoNodesOf8)).toBeNull();
  });

  it('says nothing on a host of one NUMA node: there is nothing to span', () => {
    expect(vnumaDisabledByCpuHotAdd(vm(16), host(16, 1))).toBeNull();
  });

  it('says nothing of a VM below vSphere\'s vNUMA minimum, which never sees NUMA nodes anyway, and advises that size', () => {
    const smallNodes = host(16, 4);
    expect(vnumaDisabledByCpuHotAdd(vm(VNUMA_MIN_VCPUS - 1), smallNodes)).toBeNull();
    const warning = vnumaDisabledByCpuHotAdd(vm(VNUMA_MIN_VCPUS), smallNodes);
    expect(warning).toMatchObject({ vcpus: 9, coresPerNumaNode: 4 });
    expect(warning?.message).toContain('keep the VM at 8 vCPUs or fewer');
  });

  it('says nothing while the host has reported no capacity', () => {
    expect(vnumaDisabledByCpuHotAdd(vm(12), host(0, 1))).toBeNull();
  });

  it('lists the warning among the VM\'s warnings, or none', () => {
    expect(vmWarnings(vm(12), twoNodesOf8).map((warning) => warning.code)).toEqual(['VNUMA_DISABLED_BY_CPU_HOT_ADD']);
    expect(vmWarnings(vm(12, false), twoNodesOf8)).toEqual([]);
  });
});
