import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HostQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { HostResponse } from './host.response';

@ApiTags('hosts')
@Controller('hosts')
export class HostsController {
  constructor(private readonly hosts: HostQueries) {}

  @Get()
  @ApiOperation({ summary: 'Hosts (registered by their agents), their capacity, usage and PFrame transfer rate' })
  @ApiOkResponse({ type: [HostResponse] })
  list(): Promise<HostResponse[]> {
    return this.hosts.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One host' })
  @ApiOkResponse({ type: HostResponse })
  @ApiErrors(400, 404)
  get(@Param('id', ParseIdPipe) id: string): Promise<HostResponse> {
    return this.hosts.get(id);
  }
}
