import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandContext, Precondition } from '@fsr/application';
import { PreviewRelocateQuery, RelocateCommand } from './relocate.command';
import { RelocatePreview } from './preview-relocate.handler';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';
import { OperationAcceptedResponse } from '../hot-add/hot-add.responses';
import { RelocateDto, RelocatePreviewResponse } from './relocate.dto';

@ApiTags('operations')
@Controller('vms')
export class RelocateController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':id/relocate')
  @HttpCode(202)
  @MinRole('operator')
  @ApiOperation({
    summary: 'Move the VM’s disks to another datastore',
    description:
      'Powered on: Storage vMotion (live copy with write mirroring, then an FSR switch-over). Powered off: a cold ' +
      'relocation. Both answer 202 + Location with an operation whose progress counts copied bytes. ' +
      '`dryRun`: 200 with the disruption class and the predicted stun; nothing changes.',
  })
  @ApiAcceptedResponse({ type: OperationAcceptedResponse })
  @ApiOkResponse({ description: 'With dryRun: the preview', type: RelocatePreviewResponse })
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async relocate(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RelocateDto,
    @IfMatch() precondition: Precondition,
    @Ctx() context: CommandContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RelocatePreview | OperationAcceptedResponse> {
    const { dryRun, ...request } = body;
    if (dryRun) {
      response.status(200);
      return this.queries.execute<PreviewRelocateQuery, RelocatePreview>(new PreviewRelocateQuery(id, request));
    }
    const { operationId, position } = await this.commands.execute<RelocateCommand, { operationId: string; position: bigint | null }>(
      new RelocateCommand(id, request, precondition, context),
    );
    response.setHeader('Location', `/api/v1/operations/${operationId}`);
    // So that following the Location at once finds the operation.
    return this.readYourWrites.after(position, async () => ({ operationId }));
  }
}
