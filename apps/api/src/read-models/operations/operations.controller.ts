import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperationQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { ListOperationsQuery } from './list-operations.query';
import { OperationResponse } from './operation.response';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationQueries) {}

  @Get()
  @ApiOperation({ summary: 'Hot Add and Storage vMotion operations, newest first' })
  @ApiOkResponse({ type: [OperationResponse] })
  @ApiErrors(400)
  list(@Query() query: ListOperationsQuery): Promise<OperationResponse[]> {
    return this.operations.list({ vmId: query.vmId, state: query.state, kind: query.kind });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One operation: state, phases, segments, progress and stun time' })
  @ApiOkResponse({ type: OperationResponse })
  @ApiErrors(400, 404)
  get(@Param('id', ParseIdPipe) id: string): Promise<OperationResponse> {
    return this.operations.get(id);
  }
}
