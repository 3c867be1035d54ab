import { ApiProperty } from '@nestjs/swagger';

export class VmMemoryResponse {
  @ApiProperty() vmId: string;
  @ApiProperty() pages: number;
  @ApiProperty({ description: 'CRC-32 of the PFrame table' }) checksum: string;
}

export class HostMemoryResponse {
  @ApiProperty() totalMpns: number;
  @ApiProperty() freeMpns: number;
  @ApiProperty({ type: [VmMemoryResponse] }) vms: VmMemoryResponse[];
  @ApiProperty({ description: 'MPNs in two tables, or in a table and the free pool: 0 when healthy' }) conflictingMpns: number;
}
