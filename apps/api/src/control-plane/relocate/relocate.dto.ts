import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { PredictionBasis } from '@fsr/domain';
import { PREDICTION_BASIS, PREDICTION_SAMPLES } from '../common/prediction-basis.schema';

export class RelocateDto {
  @ApiProperty({ description: 'The datastore the disks move to', example: 'ds-gold' })
  @IsString()
  @Length(1, 128)
  datastoreId: string;

  @ApiPropertyOptional({ enum: ['distributed', 'legacy'], default: 'distributed', description: 'PFrame transfer of the switch-over' })
  @IsOptional()
  @IsIn(['distributed', 'legacy'])
  mode?: 'distributed' | 'legacy';

  @ApiPropertyOptional({ description: 'Copy bandwidth limit in MiB/s (unset: as fast as the disks go)', minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxCopyMiBps?: number;

  @ApiPropertyOptional({ description: 'Answer what would happen; change nothing', default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class RelocatePreviewResponse {
  @ApiProperty({ enum: ['config-only', 'fsr'], description: 'Powered off: cold relocation; powered on: Storage vMotion' })
  disruption: 'config-only' | 'fsr';

  @ApiProperty({ description: 'Predicted stun of the switch-over (ms); 0 for a cold relocation' })
  predictedStunMs: number;

  @ApiProperty(PREDICTION_BASIS) predictionBasis: PredictionBasis | null;
  @ApiProperty(PREDICTION_SAMPLES) predictionSamples: number;
  @ApiProperty() segments: number;
  @ApiProperty({ enum: ['distributed', 'legacy'] }) mode: 'distributed' | 'legacy';
  @ApiProperty({ description: 'Disk bytes to copy' }) totalBytes: number;
  @ApiProperty() slaMs: number;
  @ApiProperty() wouldExceedSla: boolean;
}
