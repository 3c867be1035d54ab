import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { EventPosition } from '../../http/validation/event-position.decorator';
import { PageLimit } from '../../http/validation/page-limit.decorator';

export class EventLogQuery {
  @EventPosition('Only events after this position (default 0)')
  after?: string;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (instead of after)' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class EventStreamQuery {
  @EventPosition('Start after this position (the Last-Event-ID header wins); default: from now')
  after?: string;

  @ApiPropertyOptional({ description: 'API key, for browsers whose EventSource cannot send headers' })
  @IsOptional()
  @IsString()
  access_token?: string;
}
