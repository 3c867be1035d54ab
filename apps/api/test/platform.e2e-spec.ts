import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { CommandContext } from '@fsr/application';
import { loadAppConfig } from '../src/config/app-config';
import { createApp } from '../src/create-app';
import { MinRole } from '../src/http/auth/roles.decorator';
import { Ctx } from '../src/http/request-context/command-context.decorator';
import { REDIS } from '../src/infrastructure/tokens';

class DiskDto {
  @IsInt()
  @Min(1)
  sizeMiB: number;
}

class CreateThingDto {
  @IsString()
  name: string;

  @ValidateNested({ each: true })
  @Type(() => DiskDto)
  disks: DiskDto[];
}

@Controller('platform-test')
class PlatformTestController {
  @Get()
  read(@Ctx() context: CommandContext) {
    return context;
  }

  @MinRole('operator')
  @Post()
  create(@Body() body: CreateThingDto, @Ctx() context: CommandContext) {
    return { name: body.name, disks: body.disks.length, actor: context.actor, correlationId: context.correlationId };
  }
}

/** Stands in for the console page: served outside /api/v1. */
@Controller('console')
class ConsoleStandInController {
  @Get()
  page() {
    return 'console';
  }
}

@Module({ controllers: [PlatformTestController, ConsoleStandInController] })
class PlatformTestModule {}

const KEYS = {
  viewer: 'viewer-key-for-e2e-0001',
  operator: 'operator-key-for-e2e-0002',
  admin: 'admin-key-for-e2e-0003',
  throttled: 'operator-key-for-e2e-0004',
};
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const validThing = { name: 'vm-a', disks: [{ sizeMiB: 16 }] };

describe('HTTP platform (e2e)', () => {
  let app: NestExpressApplication;
  let dataDir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fsr-platform-e2e-'));
    const config = loadAppConfig({
      DATA_DIR: dataDir,
      QUEUE_PREFIX: `test-${randomUUID()}`,
      API_KEYS: `viewer:${KEYS.viewer},operator:${KEYS.operator},admin:${KEYS.admin},operator:${KEYS.throttled}`,
      BODY_LIMIT: '1kb',
      THROTTLE_LIMIT: '5',
      REQUEST_TIMEOUT_MS: '1000',
      HOST_AGENTS: '0',
      LOG_LEVEL: 'silent',
    });
    app = await createApp(config, { imports: [PlatformTestModule] });
    await app.listen(0, '127.0.0.1');
  }, 120_000);

  /** Writes `head` (and `body`) on a raw socket and returns all the server sent until it closed the connection. */
  const rawExchange = (head: string, body = '') =>
    new Promise<string>((resolve, reject) => {
      const socket = connect((app.getHttpServer().address() as AddressInfo).port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(head + body);
    });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers GET /health and /api/v1/health without a key', async () => {
    for (const path of ['/health', '/api/v1/health']) {
      const response = await http().get(path).expect(200);
      expect(response.body.status).toMatch(/^(ok|degraded)$/);
      expect(response.body.details).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'up' },
        hostAgents: { connected: 0, total: 0 },
      });
    }
  });

  it('answers 401 UNAUTHORIZED without a key or with a wrong one', async () => {
    const missing = await http().get('/api/v1/platform-test').expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const wrong = await http().post('/api/v1/platform-test').set(bearer('not-a-key-at-all-000')).send(validThing).expect(401);
    expect(wrong.body.code).toBe('UNAUTHORIZED');
  });

  it('answers 403 FORBIDDEN to a viewer on an operator route', async () => {
    const response = await http().post('/api/v1/platform-test').set(bearer(KEYS.viewer)).send(validThing).expect(403);
    expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('lets operators and admins in, with the actor and correlation id in the command context', async () => {
    const operator = await http()
      .post('/api/v1/platform-test')
      .set(bearer(KEYS.operator))
      .set('X-Request-Id', 'req-e2e-1')
      .send(validThing)
      .expect(201);
    expect(operator.body).toMatchObject({ name: 'vm-a', disks: 1, correlationId: 'req-e2e-1' });
    expect(operator.body.actor).toMatch(/^operator:[0-9a-f]{8}$/);
    expect(operator.headers['x-request-id']).toBe('req-e2e-1');
    const admin = await http().post('/api/v1/platform-test').set(bearer(KEYS.admin)).send(validThing).expect(201);
    expect(admin.body.actor).toMatch(/^admin:[0-9a-f]{8}$/);
  });

  it('generates a request id when none is given', async () => {
    const response = await http().get('/api/v1/platform-test').set(bearer(KEYS.viewer)).expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.correlationId).toBe(response.headers['x-request-id']);
  });

  it('rejects an invalid body with 400 VALIDATION_FAILED and per-field details', async () => {
    const response = await http()
      .post('/api/v1/platform-test')
      .set(bearer(KEYS.operator))
      .send({ name: 7, disks: [{ sizeMiB: 0 }], extra: true })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'disks.0.sizeMiB',
      'extra',
      'name',
    ]);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await http()
      .post('/api/v1/platform-test')
      .set(bearer(KEYS.operator))
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
    const response = await http().get('/api/v1/no-such-thing').set(bearer(KEYS.viewer)).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('opens the console from /, answers /favicon.ico with nothing, and lists the API\'s places at /api/v1 (no key needed)', async () => {
    expect((await http().get('/').expect(302)).headers.location).toBe('/console');
    await http().get('/favicon.ico').expect(204);
    const index = await http().get('/api/v1').expect(200);
    expect(index.body.links).toMatchObject({ vms: '/api/v1/vms', operations: '/api/v1/operations', docs: '/docs', console: '/console', vsphereApi: '/api/session' });
    for (const path of ['/api/v1/hosts', '/api/v1/vms', '/api/v1/operations']) expect(Object.values(index.body.links)).toContain(path);
  });

  it('answers a body over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await http()
      .post('/api/v1/platform-test')
      .set(bearer(KEYS.operator))
      .send({ name: 'x'.repeat(2048), disks: [] })
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a body without a valid key with 401 before reading it, not 413', async () => {
    const big = { name: 'x'.repeat(200 * 1024), disks: [] };
    const missing = await http().post('/api/v1/platform-test').send(big);
    const wrong = await http().post('/api/v1/platform-test').set(bearer('not-a-key-at-all-000')).send(big);
    expect([missing.status, missing.body.code, wrong.status, wrong.body.code]).toEqual([401, 'UNAUTHORIZED', 401, 'UNAUTHORIZED']);
  });

  it('answers a command body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE instead of reading it as {}', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const sent = http().post('/api/v1/platform-test').set(bearer(KEYS.operator));
      const response = await (contentType ? sent.set('Content-Type', contentType) : sent).send(JSON.stringify(validThing));
      expect({ contentType, status: response.status, code: response.body.code }).toEqual({ contentType, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const json = await http().post('/api/v1/platform-test').set(bearer(KEYS.operator)).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(validThing));
    expect(json.status).toBe(201);
  });

  it('closes a request whose headers or body do not arrive within REQUEST_TIMEOUT_MS with 408', async () => {
    const slowHeaders = await rawExchange(`POST /api/v1/platform-test HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n`);
    const slowBody = await rawExchange(
      `POST /api/v1/platform-test HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.operator}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`,
      '{"name":',
    );
    const unauthenticated = await rawExchange(`POST /api/v1/platform-test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`, '{"name":');
    expect(slowHeaders).toMatch(/^HTTP\/1\.1 408 /);
    expect(slowBody).toMatch(/^HTTP\/1\.1 408 /);
    expect(unauthenticated).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('throttles commands per key with 429 TOO_MANY_REQUESTS, leaving reads alone', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await http().post('/api/v1/platform-test').set(bearer(KEYS.throttled)).send(validThing)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await http().post('/api/v1/platform-test').set(bearer(KEYS.throttled)).send(validThing).expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    await http().get('/api/v1/platform-test').set(bearer(KEYS.throttled)).expect(200);
  });

  it('serves the OpenAPI document with the bearer scheme to key holders only', async () => {
    await http().get('/docs-json').expect(401);
    const response = await http().get('/docs-json').set(bearer(KEYS.viewer)).expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(response.body.components.schemas.ApiErrorResponse).toBeDefined();
    expect(Object.keys(response.body.paths)).toContain('/api/v1/platform-test');
  });

  it('trades a key for a session cookie at /login, which browsers then use', async () => {
    await http().post('/login').type('form').send({ key: 'wrong-key-0000000000', next: '/docs' }).expect(401);
    const login = await http().post('/login').type('form').send({ key: KEYS.viewer, next: '/docs' }).expect(303);
    expect(login.headers.location).toBe('/docs');
    const cookie = login.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    await http().get('/api/v1/platform-test').set('Cookie', cookie.split(';')[0]).expect(200);
    const page = await http().get('/docs').set('Accept', 'text/html').expect(302);
    expect(page.headers.location).toBe('/login?next=%2Fdocs');
  });

  it('serves browser pages outside /api/v1, with ?access_token= or a redirect to the login form', async () => {
    await http().get(`/console?access_token=${KEYS.viewer}`).expect(200);
    await http().get(`/api/v1/platform-test?access_token=${KEYS.viewer}`).expect(401);
    const redirect = await http().get('/console').set('Accept', 'text/html').expect(302);
    expect(redirect.headers.location).toBe('/login?next=%2Fconsole');
    const form = await http().get('/login?next=/console').expect(200);
    expect(form.text).toContain('name="key"');
  });

  // Last: it breaks the app's Redis connection.
  it('answers 503 UNHEALTHY naming the failing dependency when Redis is gone', async () => {
    app.get<Redis>(REDIS).disconnect();
    const response = await http().get('/health').expect(503);
    expect(response.body).toMatchObject({
      statusCode: 503,
      code: 'UNHEALTHY',
      message: 'Unhealthy: redis',
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });
  });
});
