import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request } from 'express';
import { expressRequestClasses } from '../platform/express-request-classes';
import { ExpressRequestClassesAdapter } from '../platform/express-request-classes.adapter';
import { listenHttps } from './https-listener';

@Controller()
class HostController {
  @Get('host')
  host(@Req() request: Request): { host: string | undefined; secure: boolean } {
    return { host: request.get('host'), secure: request.secure };
  }
}

@Module({ controllers: [HostController] })
class HostModule {}

const getInsecure = (url: string) =>
  new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
    https.get(url, { rejectUnauthorized: false, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    }).on('error', reject);
  });

describe('listenHttps', () => {
  it("serves the app over TLS from requests and responses of the app's Express classes", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fsr-https-'));
    const app = await NestFactory.create<NestExpressApplication>(HostModule, new ExpressRequestClassesAdapter(), { logger: false });
    await app.init();
    const created = jest.spyOn(https, 'createServer');
    const listener = await listenHttps(app, { host: '127.0.0.1', port: 0, dataDir, tlsCertFile: undefined, tlsKeyFile: undefined });
    try {
      const express: Express = app.getHttpAdapter().getInstance();
      const classes = expressRequestClasses(express);
      expect(created.mock.calls[0][0]).toMatchObject({ IncomingMessage: classes.IncomingMessage, ServerResponse: classes.ServerResponse });
      const answer = await getInsecure(`https://127.0.0.1:${listener.port}/host`);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ host: `127.0.0.1:${listener.port}`, secure: true });
    } finally {
      created.mockRestore();
      await listener.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
