import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

const DRAIN_GRACE_MS = 2_000;

/**
 * On shutdown, before the database and the queues close: no request is taken any more and those under way
 * end (cut after a grace), so a client sees a refused connection, never a 500 from a closed database pool.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), DRAIN_GRACE_MS);
    await closed;
    clearTimeout(grace);
  }
}
