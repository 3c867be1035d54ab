import { ApiProperty } from '@nestjs/swagger';
import type { PredictionBasis } from '@fsr/domain';
import { PREDICTION_BASIS, PREDICTION_SAMPLES } from '../common/prediction-basis.schema';
import { VmWarningResponse } from '../../read-models/vms/vm-warning.response';

export class OperationAcceptedResponse {
  @ApiProperty({ format: 'uuid' })
  operationId: string;
}

export class HotAddPreviewResponse {
  @ApiProperty({ enum: ['none', 'config-only', 'fsr'] })
  disruption: 'none' | 'config-only' | 'fsr';

  @ApiProperty({ description: 'Predicted stun (ms); 0 when there is no switch-over' })
  predictedStunMs: number;

  @ApiProperty(PREDICTION_BASIS)
  predictionBasis: PredictionBasis | null;

  @ApiProperty(PREDICTION_SAMPLES)
  predictionSamples: number;

  @ApiProperty({ description: 'PFrame segments (one per vCPU in distributed mode)' })
  segments: number;

  @ApiProperty({ enum: ['distributed', 'legacy'] })
  mode: 'distributed' | 'legacy';

  @ApiProperty()
  slaMs: number;

  @ApiProperty()
  wouldExceedSla: boolean;

  @ApiProperty({ type: [VmWarningResponse], description: 'Of the VM as the hot add would leave it (its new vCPUs on its host); empty when nothing' })
  warnings: VmWarningResponse[];
}
