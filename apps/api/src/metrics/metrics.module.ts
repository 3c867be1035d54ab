import { Global, Module } from '@nestjs/common';
import { Database, OperationStatisticsQueries } from '@fsr/infrastructure';
import { PRISMA } from '../infrastructure/tokens';
import { QueuesModule } from '../queues/queues.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ClusterMetrics } from './cluster-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';

/** One registry per application; global so that the event store (read models) can record its append latency. */
@Global()
@Module({
  providers: [MetricsRegistry],
  exports: [MetricsRegistry],
})
export class MetricsRegistryModule {}

/** GET /metrics (and /api/v1/metrics): Prometheus text for a viewer key. */
@Module({
  imports: [ReadModelsModule, QueuesModule],
  controllers: [MetricsController],
  providers: [
    ClusterMetrics,
    { provide: OperationStatisticsQueries, inject: [PRISMA], useFactory: (prisma: Database['prisma']) => new OperationStatisticsQueries(prisma) },
  ],
})
export class MetricsModule {}
