import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class PowerVmDto {
  @ApiProperty({ enum: ['on', 'off'] })
  @IsIn(['on', 'off'])
  action: 'on' | 'off';
}
