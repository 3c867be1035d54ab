import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';

const LINKS = {
  hosts: '/api/v1/hosts',
  datastores: '/api/v1/datastores',
  vms: '/api/v1/vms',
  operations: '/api/v1/operations',
  events: '/api/v1/events',
  eventStream: '/api/v1/events/stream',
  health: '/health',
  metrics: '/metrics',
  docs: '/docs',
  openApi: '/docs-json',
  console: '/console',
  queueDashboard: '/admin/queues',
  vsphereApi: '/api/session',
};

/** The API's root lists where things are (the site's root opens the console: siteEntryPoints). */
@ApiTags('health')
@Controller()
export class SiteController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'An index of the API: where each collection, the docs, the console and the vSphere API are (public)' })
  @ApiOkResponse({ description: '`{ name, links: { hosts, vms, ..., docs, console } }`' })
  index() {
    return { name: 'fsr-control-plane', links: LINKS };
  }
}
