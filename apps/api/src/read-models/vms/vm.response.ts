import { ApiProperty } from '@nestjs/swagger';
import { VmDto } from '@fsr/infrastructure';
import { VmWarningResponse } from './vm-warning.response';

export class VmDiskResponse {
  @ApiProperty() diskId: string;
  @ApiProperty({ example: 1024 }) sizeMiB: number;
  @ApiProperty() datastoreId: string;
  @ApiProperty({ example: 'vm-1-disk-0.vmdk' }) fileName: string;
}

export class VmNicResponse {
  @ApiProperty() nicId: string;
  @ApiProperty({ example: 'VM Network' }) network: string;
}

export class GuestWorkloadResponse {
  @ApiProperty({ example: 20 }) diskWriteMiBps: number;
  @ApiProperty({ example: 10000 }) pageRemapsPerSec: number;
}

export class VmResponse implements VmDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'web-01' }) name: string;
  @ApiProperty() hostId: string;
  @ApiProperty({ description: 'Datastore of the VM disks' }) datastoreId: string;
  @ApiProperty({ enum: ['poweredOn', 'poweredOff', 'suspended'] }) powerState: 'poweredOn' | 'poweredOff' | 'suspended';
  @ApiProperty({ example: 4 }) vcpus: number;
  @ApiProperty({ example: 1 }) coresPerSocket: number;
  @ApiProperty({ example: 4096 }) memoryMiB: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Memory at the last power-on (hot-add limit base)' })
  powerOnMemoryMiB: number | null;
  @ApiProperty() cpuHotAddEnabled: boolean;
  @ApiProperty() memoryHotAddEnabled: boolean;
  @ApiProperty({ type: [VmDiskResponse] }) disks: VmDiskResponse[];
  @ApiProperty({ type: [VmNicResponse] }) nics: VmNicResponse[];
  @ApiProperty({ type: GuestWorkloadResponse, nullable: true }) workload: GuestWorkloadResponse | null;
  @ApiProperty({ type: String, nullable: true }) activeOperationId: string | null;
  @ApiProperty({ description: 'Version of the VM stream; also the ETag' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    type: [VmWarningResponse],
    description: "What the VM's configuration costs on its host, worked out when asked (against the host as it is, or was at `at`); empty when nothing",
  })
  warnings: VmWarningResponse[];
}
