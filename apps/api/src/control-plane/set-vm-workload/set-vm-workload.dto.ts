import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `{}` stops the guest workload. */
export class SetWorkloadDto {
  @ApiPropertyOptional({ example: 20, minimum: 0, maximum: 2048 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2048)
  diskWriteMiBps?: number;

  @ApiPropertyOptional({ example: 10000, minimum: 0, maximum: 10000000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  pageRemapsPerSec?: number;
}
