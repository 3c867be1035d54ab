import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { expressRequestClasses } from '../platform/express-request-classes';
import { loadTlsCredentials, TlsSource } from './tls-credentials';

export interface HttpsListener {
  readonly port: number;
  readonly certPath: string;
  close(): Promise<void>;
}

/** The same Express application as the HTTP listener, over TLS: every route, ours and the vSphere API's. */
export async function listenHttps(
  app: NestExpressApplication,
  options: TlsSource & { readonly host: string; readonly port: number },
): Promise<HttpsListener> {
  const credentials = await loadTlsCredentials(options);
  const express: Express = app.getHttpAdapter().getInstance();
  const server: Server = createServer({ cert: credentials.cert, key: credentials.key, ...expressRequestClasses(express) }, express);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    certPath: credentials.certPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
