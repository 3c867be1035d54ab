import { ApiProperty } from '@nestjs/swagger';
import { HostDto } from '@fsr/infrastructure';

export class HostCapacityResponse {
  @ApiProperty({ example: 16 }) cpuCores: number;
  @ApiProperty({ example: 65536 }) memoryMiB: number;
  @ApiProperty({ example: 2, description: 'NUMA nodes the cores are split into, evenly; 1 for a host that connected before hosts reported it' })
  numaNodes: number;
  @ApiProperty({ example: 8, description: 'Cores of one NUMA node: a VM with more vCPUs spans nodes' })
  coresPerNumaNode: number;
}

export class HostUsageResponse {
  @ApiProperty({ example: 8192, description: 'Memory committed to the VMs running on the host' }) memoryMiB: number;
  @ApiProperty({ example: 3, description: 'VMs placed on the host' }) vms: number;
}

export class PFrameTransferRateResponse {
  @ApiProperty({ type: Number, nullable: true, example: 35_000_000, description: 'Measured by the agent; null until measured' })
  perThreadPFramesPerSecond: number | null;

  @ApiProperty({ example: 8 }) workerThreads: number;
}

export class HostResponse implements HostDto {
  @ApiProperty({ example: 'host-1' }) id: string;
  @ApiProperty({ example: 'esx-01' }) name: string;
  @ApiProperty({ enum: ['connected', 'disconnected'] }) connectionState: 'connected' | 'disconnected';
  @ApiProperty() maintenance: boolean;
  @ApiProperty({ type: HostCapacityResponse }) capacity: HostCapacityResponse;
  @ApiProperty({ type: HostUsageResponse }) used: HostUsageResponse;
  @ApiProperty({ type: PFrameTransferRateResponse }) pframeTransferRate: PFrameTransferRateResponse;
  @ApiProperty({ description: 'Version of the host stream' }) version: number;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
