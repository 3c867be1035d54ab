import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ControlPlaneModule } from './control-plane/control-plane.module';
import { HttpPlatformModule } from './http/http-platform.module';
import { DatabaseModule } from './infrastructure/database.module';
import { RedisModule } from './infrastructure/redis.module';
import { QueueDashboardModule } from './queues/queue-dashboard.module';
import { MetricsModule, MetricsRegistryModule } from './metrics/metrics.module';
import { ConsoleModule } from './console/console.module';
import { VsphereModule } from './vsphere/vsphere.module';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

/**
 * ─── Feature modules ───────────────────────────────────────────────────────────────
 * Add the control plane's use-case and read-side modules here (e.g. ControlPlaneModule,
 * ReadModelsModule). APP_CONFIG, PRISMA, DATABASE, REDIS and CqrsModule are available to them.
 */
const FEATURE_MODULES: ModuleImport[] = [ControlPlaneModule, QueueDashboardModule, MetricsModule, ConsoleModule, VsphereModule];

/** The control plane. Built by createApp(config) with AppModule.register(config). */
@Module({})
export class AppModule {
  static register(config: AppConfig, extraImports: ModuleImport[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        DatabaseModule,
        RedisModule,
        HttpPlatformModule,
        MetricsRegistryModule,
        ...FEATURE_MODULES,
        ...extraImports,
      ],
    };
  }
}
