import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../http/pagination/page.query';

export class ListVmsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  hostId?: string;

  @ApiPropertyOptional({ enum: ['poweredOn', 'poweredOff', 'suspended'] })
  @IsOptional()
  @IsIn(['poweredOn', 'poweredOff', 'suspended'])
  powerState?: 'poweredOn' | 'poweredOff' | 'suspended';
}

export class GetVmQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The VM as it was at this time, rebuilt from its events' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
