import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { VmQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { ApiPagedResponse, sendPage } from '../../http/pagination/paged';
import { GetVmQuery, ListVmsQuery } from './vm.queries.dto';
import { VmResponse } from './vm.response';

@ApiTags('vms')
@Controller('vms')
export class VmsController {
  constructor(private readonly vms: VmQueries) {}

  @Get()
  @ApiOperation({ summary: 'VMs, optionally of one host or power state' })
  @ApiPagedResponse(VmResponse)
  @ApiErrors(400)
  async list(@Query() query: ListVmsQuery, @Res({ passthrough: true }) response: Response): Promise<VmResponse[]> {
    return sendPage(response, await this.vms.page({ hostId: query.hostId, powerState: query.powerState }, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One VM; with `at`, as it was at that time (rebuilt from its events)' })
  @ApiOkResponse({ type: VmResponse, headers: { ETag: { description: 'The VM stream version, quoted: use it in If-Match' } } })
  @ApiErrors(400, 404)
  async get(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: GetVmQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VmResponse> {
    const vm = query.at === undefined ? await this.vms.get(id) : await this.vms.getAt(id, new Date(query.at));
    response.setHeader('ETag', `"${vm.version}"`);
    return vm;
  }
}
