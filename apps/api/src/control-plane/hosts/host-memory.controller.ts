import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HOST_AGENT_GATEWAY, HostAgentGateway } from '@fsr/application';
import { HostQueries } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { HostMemoryResponse } from './host-memory.response';

/** The agent's own view of its host's memory, asked of it live (not a read model). */
@ApiTags('hosts')
@Controller('hosts')
export class HostMemoryController {
  constructor(
    private readonly hosts: HostQueries,
    @Inject(HOST_AGENT_GATEWAY) private readonly agents: HostAgentGateway,
  ) {}

  @Get(':id/memory')
  @ApiOperation({
    summary: "Audit the host's memory as its agent holds it",
    description: 'Per-VM PFrame checksums, free MPNs, and MPNs owned twice (conflictingMpns, 0 when healthy).',
  })
  @ApiOkResponse({ type: HostMemoryResponse })
  @ApiErrors(400, 404, 503)
  async memory(@Param('id', ParseIdPipe) id: string) {
    await this.hosts.get(id);
    return this.agents.inspectMemory(id);
  }
}
