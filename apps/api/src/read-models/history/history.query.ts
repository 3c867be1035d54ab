import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { HistoryFilter } from '@fsr/infrastructure';
import { PageLimit } from '../../http/validation/page-limit.decorator';

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Event types, comma-separated', example: 'vm.powered-on,vm.reconfigured' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  type?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'admin' })
  @IsOptional()
  @IsString()
  actor?: string;

  @ApiPropertyOptional({ description: 'Only the events of this operation' })
  @IsOptional()
  @IsString()
  operationId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'Oldest first (asc) or newest first (desc)' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export const toHistoryFilter = (query: HistoryQuery): HistoryFilter => ({
  types: query.type
    ?.split(',')
    .map((type) => type.trim())
    .filter((type) => type.length > 0),
  from: query.from === undefined ? undefined : new Date(query.from),
  to: query.to === undefined ? undefined : new Date(query.to),
  actor: query.actor,
  operationId: query.operationId,
  cursor: query.cursor,
  limit: query.limit,
  order: query.order,
});
