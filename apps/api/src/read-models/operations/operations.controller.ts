import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperationQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { ApiPagedResponse, sendPage } from '../../http/pagination/paged';
import { ListOperationsQuery } from './list-operations.query';
import { OperationResponse } from './operation.response';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationQueries) {}

  @Get()
  @ApiOperation({ summary: 'Hot Add and Storage vMotion operations, newest first' })
  @ApiPagedResponse(OperationResponse)
  @ApiErrors(400)
  async list(@Query() query: ListOperationsQuery, @Res({ passthrough: true }) response: Response): Promise<OperationResponse[]> {
    return sendPage(response, await this.operations.page({ vmId: query.vmId, state: query.state, kind: query.kind }, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One operation: state, phases, segments, progress and stun time' })
  @ApiOkResponse({ type: OperationResponse, headers: { ETag: { description: 'The operation stream version, quoted: use it in If-Match' } } })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<OperationResponse> {
    const operation = await this.operations.get(id);
    response.setHeader('ETag', `"${operation.version}"`);
    return operation;
  }
}
