import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export const MAX_VCPUS = 768;
export const MAX_MEMORY_MIB = 24 * 1024 * 1024;
export const MAX_DISK_MIB = 64 * 1024 * 1024;

export class DiskSpecDto {
  @ApiProperty({ example: 1024, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_DISK_MIB)
  sizeMiB: number;
}

export class NicSpecDto {
  @ApiProperty({ example: 'VM Network' })
  @IsString()
  @Length(1, 64)
  network: string;
}

export class CreateVmDto {
  @ApiProperty({ example: 'web-01' })
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiProperty({ example: 'host-1' })
  @IsString()
  @Length(1, 63)
  hostId: string;

  @ApiProperty({ example: 'ds-ssd-01' })
  @IsString()
  @Length(1, 80)
  datastoreId: string;

  @ApiProperty({ example: 8, minimum: 1, maximum: MAX_VCPUS })
  @IsInt()
  @Min(1)
  @Max(MAX_VCPUS)
  vcpus: number;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VCPUS)
  coresPerSocket?: number;

  @ApiProperty({ example: 8192, minimum: 4, description: 'A multiple of 4' })
  @IsInt()
  @Min(4)
  @Max(MAX_MEMORY_MIB)
  memoryMiB: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  cpuHotAddEnabled?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  memoryHotAddEnabled?: boolean;

  @ApiProperty({ type: [DiskSpecDto] })
  @IsDefined({ message: 'disks is required: a list such as [{ "sizeMiB": 16 }]' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => DiskSpecDto)
  disks: DiskSpecDto[];

  @ApiPropertyOptional({ type: [NicSpecDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NicSpecDto)
  nics?: NicSpecDto[];
}
