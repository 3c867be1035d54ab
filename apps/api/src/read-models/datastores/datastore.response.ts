import { ApiProperty } from '@nestjs/swagger';
import { DatastoreDto } from '@fsr/infrastructure';

export class DatastoreResponse implements DatastoreDto {
  @ApiProperty({ example: '2f1c0d1e-5b7e-4a55-9d0c-6f1e3c9b8a10' }) id: string;
  @ApiProperty({ example: 'fast-ssd' }) name: string;
  @ApiProperty({ description: 'Directory of the datastore under the data directory' }) path: string;
  @ApiProperty({ example: 100 }) capacityGiB: number;
  @ApiProperty({ example: 2048 }) usedMiB: number;
  @ApiProperty({ example: 100352 }) freeMiB: number;
  @ApiProperty({ description: 'Version of the datastore stream' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
