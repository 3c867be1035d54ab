import { ApiProperty } from '@nestjs/swagger';
import { VmWarning } from '@fsr/domain';

export class VmWarningResponse implements VmWarning {
  @ApiProperty({
    enum: ['VNUMA_DISABLED_BY_CPU_HOT_ADD'],
    description:
      'VNUMA_DISABLED_BY_CPU_HOT_ADD: CPU hot add disables vNUMA, and the VM (9 vCPUs or more, where vSphere shows vNUMA) ' +
      'has more vCPUs than a NUMA node of its host has cores',
  })
  code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD';

  @ApiProperty({
    example:
      "CPU hot add disables vNUMA: the VM's 12 vCPUs span more than one NUMA node of host-1 (8 cores per node), so the guest " +
      'sees uniform memory, cannot keep its threads next to their memory, and large workloads slow down. ' +
      'Disable CPU hot add (with the VM powered off), or keep the VM at 8 vCPUs or fewer.',
  })
  message: string;

  @ApiProperty({ example: 12, description: 'The vCPUs the warning is about' })
  vcpus: number;

  @ApiProperty({ example: 8, description: "Cores of one NUMA node of the VM's host" })
  coresPerNumaNode: number;
}
