import { Redis } from 'ioredis';
import { PrivateRedis } from './private-redis';

describe('PrivateRedis', () => {
  it('serves on its own port and comes back empty after a restart, as a Redis without persistence', async () => {
    const server = await PrivateRedis.start();
    const client = new Redis(server.url, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    try {
      await client.set('kept', 'no');
      expect(await client.get('kept')).toBe('no');
      await server.restart();
      expect(await client.get('kept')).toBeNull();
    } finally {
      client.disconnect();
      await server.stop();
    }
  }, 30_000);
});
