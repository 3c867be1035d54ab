import { createServer } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { expressRequestClasses } from './express-request-classes';

/** Nest's Express adapter, whose HTTP server builds requests and responses of Express's own classes. */
export class ExpressRequestClassesAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Options that make Nest build its server otherwise (HTTPS, closing connections itself) keep Nest's way.
    if (options.httpsOptions || options.return503OnClosing || options.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    this.httpServer = createServer(expressRequestClasses(app), app);
  }
}
