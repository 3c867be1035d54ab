import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { PlatformRequest } from '../request-context/platform-request';

/** One line per entry for a terminal: time, level, [context], the request if any, the message. */
const PRETTY = {
  target: 'pino-pretty',
  options: {
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime,context,actor',
    messageFormat: '{if context}[{context}] {end}{if req.method}{req.method} {req.url} {end}{if res.statusCode}-> {res.statusCode} {end}{msg}',
  },
};

const withoutAccessToken = (url: string) => url.replace(/([?&]access_token=)[^&]*/g, '$1[Redacted]');

/** pino-http request logs keyed by the correlation id; credentials never reach a log line. */
const QUIET_REQUESTS = /(\/health(\?|$))|^\/console\/(assets|vendor)\//;

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          ...((config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty' ? { transport: PRETTY } : {}),
          genReqId: (request) => (request as PlatformRequest).correlationId ?? randomUUID(),
          customProps: (request) => ({ actor: (request as PlatformRequest).actor }),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["vmware-api-session-id"]', 'req.query.access_token', 'res.headers["set-cookie"]'],
            censor: '[Redacted]',
          },
          serializers: {
            req: (request: { url?: string }) => ({ ...request, url: request.url && withoutAccessToken(request.url) }),
          },
          // Health probes and the console's static files would drown the requests that matter.
          autoLogging: { ignore: (request) => QUIET_REQUESTS.test(request.url ?? '') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
