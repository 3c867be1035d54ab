import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { Express, Request } from 'express';
import { expressRequestClasses, RequestClasses } from './express-request-classes';
import { ExpressRequestClassesAdapter } from './express-request-classes.adapter';

interface Seen {
  readonly keptItsPrototype: boolean;
  readonly query: unknown;
  readonly host: string | undefined;
  readonly ownApp: boolean;
}

/** An Express app whose one route says what Express made of the request it was given. */
function appSaying(prototypeOf: () => object | undefined): Express {
  const app = express();
  app.get('/seen', (req, res) => {
    const seen: Seen = { keptItsPrototype: Object.getPrototypeOf(req) === prototypeOf(), query: req.query.a, host: req.get('host'), ownApp: req.app === app };
    res.json(seen);
  });
  return app;
}

async function listening(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The classes the server built each request and response from, recorded before Express sees them. */
function builtBy(server: Server): { request: string; response: string }[] {
  const built: { request: string; response: string }[] = [];
  server.prependListener('request', (request: IncomingMessage, response: object) => {
    built.push({ request: request.constructor.name, response: response.constructor.name });
  });
  return built;
}

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.json(), contentLength: response.headers.get('content-length') };
};

describe('expressRequestClasses', () => {
  it('a server built with them hands Express requests that already have the prototype Express gives them', async () => {
    const made: { classes?: RequestClasses } = {};
    const app = appSaying(() => made.classes?.IncomingMessage.prototype);
    const classes = (made.classes = expressRequestClasses(app));
    const http = createServer(classes, app);
    const built = builtBy(http);
    const server = await listening(http);
    try {
      expect(await get(`${server.url}/seen?a=5`)).toMatchObject({ status: 200, body: { keptItsPrototype: true, query: '5', host: server.url.slice(7), ownApp: true } });
      expect(built).toEqual([{ request: 'ExpressRequest', response: 'ExpressResponse' }]);
    } finally {
      await server.close();
    }
  });

  it('without them, Express changes the prototype of every request it is given (what they avoid)', async () => {
    const app = appSaying(() => IncomingMessage.prototype);
    const http = createServer(app);
    const built = builtBy(http);
    const server = await listening(http);
    try {
      expect(await get(`${server.url}/seen`)).toMatchObject({ body: { keptItsPrototype: false, ownApp: true } });
      expect(built).toEqual([{ request: 'IncomingMessage', response: 'ServerResponse' }]);
    } finally {
      await server.close();
    }
  });

  it('keeps each app its own settings and requests in one process', async () => {
    const indented = appSaying(() => undefined);
    indented.set('json spaces', 2);
    const compact = appSaying(() => undefined);
    const servers = await Promise.all([indented, compact].map((app) => listening(createServer(expressRequestClasses(app), app))));
    try {
      const [fromIndented, fromCompact] = await Promise.all(servers.map((server) => get(`${server.url}/seen`)));
      expect([fromIndented.body, fromCompact.body]).toEqual([expect.objectContaining({ ownApp: true }), expect.objectContaining({ ownApp: true })]);
      expect(Number(fromIndented.contentLength)).toBeGreaterThan(Number(fromCompact.contentLength));
      expect(expressRequestClasses(indented)).toBe(expressRequestClasses(indented));
      expect(expressRequestClasses(indented).IncomingMessage).not.toBe(expressRequestClasses(compact).IncomingMessage);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

@Controller()
class SeenController {
  @Get('seen')
  seen(@Req() request: Request): { className: string } {
    return { className: (Object.getPrototypeOf(request) as { constructor: { name: string } }).constructor.name };
  }
}

@Module({ controllers: [SeenController] })
class SeenModule {}

describe('ExpressRequestClassesAdapter', () => {
  it("builds Nest's HTTP server with the app's request classes", async () => {
    const app = await NestFactory.create(SeenModule, new ExpressRequestClassesAdapter(), { logger: false });
    const built = builtBy(app.getHttpServer() as Server);
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      expect(await get(`http://127.0.0.1:${port}/seen`)).toMatchObject({ status: 200, body: { className: 'ExpressRequest' } });
      expect(built).toEqual([{ request: 'ExpressRequest', response: 'ExpressResponse' }]);
    } finally {
      await app.close();
    }
  });
});
