import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HistoryQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { HistoryQuery, toHistoryFilter } from './history.query';
import { HistoryPageResponse } from './history.response';

@ApiTags('history')
@Controller()
export class HistoryController {
  constructor(private readonly history: HistoryQueries) {}

  @Get('vms/:id/history')
  @ApiOperation({ summary: 'Audit trail of a VM from the event store, oldest first (order=desc: newest first)' })
  @ApiOkResponse({ type: HistoryPageResponse })
  @ApiErrors(400, 404)
  vmHistory(@Param('id', ParseIdPipe) id: string, @Query() query: HistoryQuery): Promise<HistoryPageResponse> {
    return this.history.vmHistory(id, toHistoryFilter(query));
  }

  @Get('hosts/:id/history')
  @ApiOperation({ summary: 'Audit trail of a host from the event store, oldest first (order=desc: newest first)' })
  @ApiOkResponse({ type: HistoryPageResponse })
  @ApiErrors(400, 404)
  hostHistory(@Param('id', ParseIdPipe) id: string, @Query() query: HistoryQuery): Promise<HistoryPageResponse> {
    return this.history.hostHistory(id, toHistoryFilter(query));
  }

  @Get('datastores/:id/history')
  @ApiOperation({ summary: 'Audit trail of a datastore from the event store, oldest first (order=desc: newest first)' })
  @ApiOkResponse({ type: HistoryPageResponse })
  @ApiErrors(400, 404)
  datastoreHistory(@Param('id', ParseIdPipe) id: string, @Query() query: HistoryQuery): Promise<HistoryPageResponse> {
    return this.history.datastoreHistory(id, toHistoryFilter(query));
  }
}
