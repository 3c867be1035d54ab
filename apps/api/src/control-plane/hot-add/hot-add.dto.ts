import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_DISK_MIB, MAX_MEMORY_MIB, MAX_VCPUS } from '../create-vm/create-vm.dto';

export class HotAddDeviceDto {
  @ApiProperty({ enum: ['nic', 'disk'] })
  @IsIn(['nic', 'disk'])
  type: 'nic' | 'disk';

  @ApiPropertyOptional({ description: 'For a nic', example: 'VM Network' })
  @ValidateIf((device: HotAddDeviceDto) => device.type === 'nic')
  @IsString()
  @Length(1, 64)
  network?: string;

  @ApiPropertyOptional({ description: 'For a disk', example: 1024 })
  @ValidateIf((device: HotAddDeviceDto) => device.type === 'disk')
  @IsInt()
  @Min(1)
  @Max(MAX_DISK_MIB)
  sizeMiB?: number;
}

export class HotAddDto {
  @ApiPropertyOptional({ description: 'New total of vCPUs', example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VCPUS)
  vcpus?: number;

  @ApiPropertyOptional({ description: 'New total of memory (MiB)', example: 12288 })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(MAX_MEMORY_MIB)
  memoryMiB?: number;

  @ApiPropertyOptional({ description: 'Changeable only while powered off' })
  @IsOptional()
  @IsBoolean()
  cpuHotAddEnabled?: boolean;

  @ApiPropertyOptional({ description: 'Changeable only while powered off' })
  @IsOptional()
  @IsBoolean()
  memoryHotAddEnabled?: boolean;

  @ApiPropertyOptional({ type: [HotAddDeviceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => HotAddDeviceDto)
  devices?: HotAddDeviceDto[];

  @ApiPropertyOptional({ enum: ['distributed', 'legacy'], default: 'distributed' })
  @IsOptional()
  @IsIn(['distributed', 'legacy'])
  mode?: 'distributed' | 'legacy';

  @ApiPropertyOptional({ description: 'Answer what would happen; change nothing', default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Refuse with STUN_SLA_WOULD_BE_EXCEEDED when the predicted stun exceeds the SLA' })
  @IsOptional()
  @IsBoolean()
  rejectIfPredictedOverSla?: boolean;
}
