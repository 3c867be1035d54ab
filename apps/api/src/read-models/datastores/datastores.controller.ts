import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DatastoreQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { DatastoreResponse } from './datastore.response';

@ApiTags('datastores')
@Controller('datastores')
export class DatastoresController {
  constructor(private readonly datastores: DatastoreQueries) {}

  @Get()
  @ApiOperation({ summary: 'Datastores with their used and free space' })
  @ApiOkResponse({ type: [DatastoreResponse] })
  list(): Promise<DatastoreResponse[]> {
    return this.datastores.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One datastore' })
  @ApiOkResponse({ type: DatastoreResponse })
  @ApiErrors(400, 404)
  get(@Param('id', ParseIdPipe) id: string): Promise<DatastoreResponse> {
    return this.datastores.get(id);
  }
}
