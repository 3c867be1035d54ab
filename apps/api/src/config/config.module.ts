import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AppConfig } from './app-config';

/** Provides the already validated AppConfig under APP_CONFIG to the whole application. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
