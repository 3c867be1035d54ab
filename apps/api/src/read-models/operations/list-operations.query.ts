import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../http/pagination/page.query';

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'rolled-back'];

export class ListOperationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  vmId?: string;

  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES)
  state?: string;

  @ApiPropertyOptional({ enum: ['hot-add', 'relocate'] })
  @IsOptional()
  @IsIn(['hot-add', 'relocate'])
  kind?: string;
}
