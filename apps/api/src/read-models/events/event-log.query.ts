import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { PageLimit } from '../../http/validation/page-limit.decorator';

export class EventLogQuery {
  @ApiPropertyOptional({ description: 'Only events after this position', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @PageLimit()
  limit?: number;
}

export class EventStreamQuery {
  @ApiPropertyOptional({ description: 'Start after this position (the Last-Event-ID header wins); default: from now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ description: 'API key, for browsers whose EventSource cannot send headers' })
  @IsOptional()
  @IsString()
  access_token?: string;
}
