import { EventBus } from '@nestjs/cqrs';
import { get as httpGet, IncomingMessage } from 'node:http';
import request from 'supertest';
import { EventRecorded } from '@fsr/application';
import { bearer, KEYS, ReadModelsApp, startReadModelsApp } from './read-models-app.fixture';

interface Received {
  readonly response: IncomingMessage;
  readonly ids: string[];
  readonly text: () => string;
}

function openStream(url: string, headers: Record<string, string> = {}): Promise<Received> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (response) => {
      let text = '';
      const ids: string[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        ids.splice(0, ids.length, ...(text.match(/^id: (\d+)$/gm) ?? []).map((line) => line.slice(4)));
      });
      resolve({ response, ids, text: () => text });
    }).on('error', reject);
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('event stream and projection rebuild (e2e)', () => {
  let stack: ReadModelsApp;

  beforeAll(async () => {
    stack = await startReadModelsApp();
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('streams the log as Server-Sent Events from Last-Event-ID, then pushes new events as they are recorded', async () => {
    const last = await stack.store.lastPosition();
    const stream = await openStream(`${stack.baseUrl}/api/v1/events/stream?access_token=${KEYS.viewer}`, {
      'Last-Event-ID': String(last - 2n),
    });
    try {
      expect(stream.response.statusCode).toBe(200);
      expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
      await until(() => stream.ids.length === 2, 'the two events after Last-Event-ID');
      expect(stream.ids).toEqual([String(last - 1n), String(last)]);

      const position = await stack.writer.record([
        'datastore-live',
        [{ type: 'datastore.created', data: { datastoreId: 'live', name: 'live', capacityGiB: 1, path: '/ds/live' } }],
      ]);
      const [recorded] = await stack.store.readAll(position - 1n, 1);
      stack.app.get(EventBus).publish(new EventRecorded(recorded));
      await until(() => stream.ids.length === 3, 'the pushed event');
      expect(stream.ids[2]).toBe(String(position));
      expect(stream.text()).toContain('"type":"datastore.created"');
    } finally {
      stream.response.destroy();
    }
  });

  it('refuses a stream without a key and a malformed Last-Event-ID', async () => {
    await request(stack.baseUrl).get('/api/v1/events/stream').expect(401);
    const response = await request(stack.baseUrl).get('/api/v1/events/stream').set(bearer(KEYS.viewer)).set('Last-Event-ID', 'x1').expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('rebuilds the projections for an admin only, leaving the views as they were', async () => {
    const views = async () => (await request(stack.baseUrl).get('/api/v1/operations').set(bearer(KEYS.viewer)).expect(200)).body;
    await stack.projector.catchUp();
    const before = await views();
    await request(stack.baseUrl).post('/api/v1/admin/projections/rebuild').set(bearer(KEYS.viewer)).expect(403);
    const { body } = await request(stack.baseUrl).post('/api/v1/admin/projections/rebuild').set(bearer(KEYS.admin)).expect(200);
    const last = Number(await stack.store.lastPosition());
    expect(body).toEqual({ rebuiltEvents: last, position: last, tookMs: expect.any(Number) });
    expect(await views()).toEqual(before);
  });
});
