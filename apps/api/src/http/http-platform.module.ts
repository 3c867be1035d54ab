import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { HttpDrain } from './drain/http-drain';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { SiteController } from './site/site.controller';
import { IdempotencyRecords } from './idempotency/idempotency-records';
import { LoggingModule } from './logging/logging.module';
import { CommandThrottlingModule } from './throttling/command-throttling.module';
import { createValidationPipe } from './validation/validation-pipe';

/** Everything every route gets: logging, auth, throttled commands, validation, one error shape, health. */
@Module({
  imports: [LoggingModule, AuthModule, CommandThrottlingModule, HealthModule],
  controllers: [SiteController],
  providers: [
    // Order matters: the throttler counts per authenticated actor, so auth runs first.
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    IdempotencyRecords,
    HttpDrain,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class HttpPlatformModule {}
