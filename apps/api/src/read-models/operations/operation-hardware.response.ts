import { ApiProperty } from '@nestjs/swagger';
import { VmDiskResponse, VmNicResponse } from '../vms/vm.response';

export class OperationHardwareResponse {
  @ApiProperty() vcpus: number;
  @ApiProperty() coresPerSocket: number;
  @ApiProperty() memoryMiB: number;
  @ApiProperty() cpuHotAddEnabled: boolean;
  @ApiProperty() memoryHotAddEnabled: boolean;
  @ApiProperty({ type: [VmDiskResponse] }) disks: readonly VmDiskResponse[];
  @ApiProperty({ type: [VmNicResponse] }) nics: readonly VmNicResponse[];
}
