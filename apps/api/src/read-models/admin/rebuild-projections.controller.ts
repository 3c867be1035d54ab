import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Projector } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';

export class RebuildProjectionsResponse {
  @ApiProperty({ description: 'Events replayed' }) rebuiltEvents: number;
  @ApiProperty({ description: 'Position of the last event now in the views' }) position: number;
  @ApiProperty({ description: 'Duration of the rebuild' }) tookMs: number;
}

@ApiTags('events')
@Controller('admin/projections')
export class RebuildProjectionsController {
  constructor(private readonly projector: Projector) {}

  @Post('rebuild')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: 'Empties the read models and replays the whole event log into them (admin)' })
  @ApiOkResponse({ type: RebuildProjectionsResponse })
  async rebuild(): Promise<RebuildProjectionsResponse> {
    const result = await this.projector.rebuild();
    return { rebuiltEvents: result.rebuiltEvents, position: Number(result.position), tookMs: result.tookMs };
  }
}
