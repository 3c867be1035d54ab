import { createRedisConnection } from './redis-connection';
import { RedisUnreachableError, redisOptionsFromUrl } from './redis-url';

describe('createRedisConnection', () => {
  it('connects to a reachable Redis', async () => {
    const redis = await createRedisConnection('redis://127.0.0.1:6379', { role: 'test' });
    expect(await redis.ping()).toBe('PONG');
    await redis.quit();
  });

  it('fails fast with a one-line message naming the role when Redis is unreachable', async () => {
    const attempt = createRedisConnection('redis://127.0.0.1:1', { role: 'host agent h1' });
    await expect(attempt).rejects.toThrow(RedisUnreachableError);
    await expect(attempt).rejects.toThrow(/^host agent h1: cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/? \(/);
  });

  it('reads host, port, db and credentials from the URL', () => {
    expect(redisOptionsFromUrl('redis://u:p%40ss@example:6390/3')).toMatchObject({
      host: 'example',
      port: 6390,
      db: 3,
      username: 'u',
      password: 'p@ss',
      maxRetriesPerRequest: null,
    });
  });
});
