import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DatastoreQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { PageQuery } from '../../http/pagination/page.query';
import { ApiPagedResponse, sendPage } from '../../http/pagination/paged';
import { DatastoreResponse } from './datastore.response';

@ApiTags('datastores')
@Controller('datastores')
export class DatastoresController {
  constructor(private readonly datastores: DatastoreQueries) {}

  @Get()
  @ApiOperation({ summary: 'Datastores with their used and free space' })
  @ApiPagedResponse(DatastoreResponse)
  @ApiErrors(400)
  async list(@Query() query: PageQuery, @Res({ passthrough: true }) response: Response): Promise<DatastoreResponse[]> {
    return sendPage(response, await this.datastores.page(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One datastore' })
  @ApiOkResponse({ type: DatastoreResponse })
  @ApiErrors(400, 404)
  get(@Param('id', ParseIdPipe) id: string): Promise<DatastoreResponse> {
    return this.datastores.get(id);
  }
}
