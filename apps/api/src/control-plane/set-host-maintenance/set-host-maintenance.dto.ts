import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class SetMaintenanceDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}
