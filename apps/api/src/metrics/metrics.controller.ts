import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ClusterMetrics } from './cluster-metrics';
import { MetricsRegistry } from './metrics-registry';

const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly cluster: ClusterMetrics,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (also at /metrics)',
    description: 'Stun histogram by mode, operations by kind and state, segment transfer rate, queue depths, event-store append latency.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await this.cluster.refresh();
    return this.metrics.registry.metrics();
  }
}
