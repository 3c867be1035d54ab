import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HostQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { PageQuery } from '../../http/pagination/page.query';
import { ApiPagedResponse, sendPage } from '../../http/pagination/paged';
import { HostResponse } from './host.response';

@ApiTags('hosts')
@Controller('hosts')
export class HostsController {
  constructor(private readonly hosts: HostQueries) {}

  @Get()
  @ApiOperation({ summary: 'Hosts (registered by their agents), their capacity, usage and PFrame transfer rate' })
  @ApiPagedResponse(HostResponse)
  @ApiErrors(400)
  async list(@Query() query: PageQuery, @Res({ passthrough: true }) response: Response): Promise<HostResponse[]> {
    return sendPage(response, await this.hosts.page(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One host' })
  @ApiOkResponse({ type: HostResponse, headers: { ETag: { description: 'The host stream version, quoted: use it in If-Match' } } })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<HostResponse> {
    const host = await this.hosts.get(id);
    response.setHeader('ETag', `"${host.version}"`);
    return host;
  }
}
