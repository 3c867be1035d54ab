import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { PlatformRequest } from '../request-context/platform-request';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** THROTTLE_LIMIT commands (any non-read request) per minute and caller; reads are not limited. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'commands', ttl: 60_000, limit: config.throttleLimit }],
        skipIf: (context) => READ_METHODS.has(context.switchToHttp().getRequest<PlatformRequest>().method),
        // After the auth guard: one budget per API key, else per address (login attempts).
        getTracker: (request) => (request as PlatformRequest).actor ?? (request as PlatformRequest).ip ?? 'unknown',
        errorMessage: `Too many commands: at most ${config.throttleLimit} per minute`,
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class CommandThrottlingModule {}
