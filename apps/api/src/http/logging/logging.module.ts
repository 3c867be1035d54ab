import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { PlatformRequest } from '../request-context/platform-request';

const withoutAccessToken = (url: string) => url.replace(/([?&]access_token=)[^&]*/g, '$1[Redacted]');

/** pino-http request logs keyed by the correlation id; credentials never reach a log line. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (request) => (request as PlatformRequest).correlationId ?? randomUUID(),
          customProps: (request) => ({ actor: (request as PlatformRequest).actor }),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token', 'res.headers["set-cookie"]'],
            censor: '[Redacted]',
          },
          serializers: {
            req: (request: { url?: string }) => ({ ...request, url: request.url && withoutAccessToken(request.url) }),
          },
          autoLogging: { ignore: (request) => (request.url ?? '').endsWith('/health') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
