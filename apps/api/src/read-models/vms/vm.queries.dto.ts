import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';

export class ListVmsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  hostId?: string;

  @ApiPropertyOptional({ enum: ['poweredOn', 'poweredOff'] })
  @IsOptional()
  @IsIn(['poweredOn', 'poweredOff'])
  powerState?: 'poweredOn' | 'poweredOff';
}

export class GetVmQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The VM as it was at this time, rebuilt from its events' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
