import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandContext, Precondition } from '@fsr/application';
import { HotAddCommand, HotAddOutcome, PreviewHotAddQuery } from './hot-add.command';
import { HotAddPreview } from './preview-hot-add.handler';
import { VmQueries } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { VmResponse } from '../../read-models/vms/vm.response';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';
import { HotAddDto } from './hot-add.dto';
import { HotAddPreviewResponse, OperationAcceptedResponse } from './hot-add.responses';

@ApiTags('operations')
@Controller('vms')
export class HotAddController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly vms: VmQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':id/hot-add')
  @HttpCode(202)
  @MinRole('operator')
  @ApiOperation({
    summary: 'Hot add vCPUs, memory or devices',
    description:
      'Powered on: an FSR switch-over operation (202 + Location). Powered off: a configuration change (200 with the VM). ' +
      '`dryRun`: 200 with the disruption class, the predicted stun and the warnings of the VM as it would be ' +
      '(e.g. VNUMA_DISABLED_BY_CPU_HOT_ADD for its new vCPUs); nothing changes.',
  })
  @ApiAcceptedResponse({ type: OperationAcceptedResponse })
  @ApiOkResponse({ description: 'The reconfigured VM, or with dryRun the preview', type: HotAddPreviewResponse })
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async hotAdd(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: HotAddDto,
    @IfMatch() precondition: Precondition,
    @Ctx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HotAddPreview | VmResponse | OperationAcceptedResponse> {
    const { dryRun, ...request } = body;
    if (dryRun) {
      response.status(200);
      return this.queries.execute<PreviewHotAddQuery, HotAddPreview>(new PreviewHotAddQuery(id, request));
    }
    const outcome = await this.commands.execute<HotAddCommand, HotAddOutcome & { position: bigint | null }>(
      new HotAddCommand(id, request, precondition, context),
    );
    if (outcome.kind === 'reconfigured') {
      response.status(200);
      return this.readYourWrites.after(outcome.position, () => this.vms.get(id));
    }
    response.setHeader('Location', `/api/v1/operations/${outcome.operationId}`);
    // So that following the Location at once finds the operation.
    return this.readYourWrites.after(outcome.position, async () => ({ operationId: outcome.operationId }));
  }
}
