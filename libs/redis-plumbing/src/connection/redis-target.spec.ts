import { Cluster, Redis } from 'ioredis';
import { clusterNodesOf, describeTarget, newRedisClient, validClusterNodes } from './redis-target';

describe('Redis targets', () => {
  it('reads REDIS_CLUSTER_NODES as a list, empty as no cluster', () => {
    expect(clusterNodesOf(' 10.0.0.1:7000, redis-b:7001 ,')).toEqual(['10.0.0.1:7000', 'redis-b:7001']);
    expect(clusterNodesOf('')).toBeNull();
    expect(clusterNodesOf(undefined)).toBeNull();
  });

  it('takes only host:port pairs', () => {
    expect(validClusterNodes(['a:7000', '127.0.0.1:7001'])).toBe(true);
    expect(validClusterNodes(null)).toBe(true);
    expect(validClusterNodes(['a'])).toBe(false);
    expect(validClusterNodes(['redis://a:7000'])).toBe(false);
  });

  it('makes a cluster client of the nodes with the URL\'s credentials, and a plain one without nodes', () => {
    const cluster = newRedisClient({ url: 'redis://user:secret@ignored:1', clusterNodes: ['127.0.0.1:7000', 'b:7001'] }, { lazyConnect: true, connectionName: 'n' });
    const single = newRedisClient({ url: 'redis://127.0.0.1:6380/2' }, { lazyConnect: true });
    try {
      expect(cluster).toBeInstanceOf(Cluster);
      const options = (cluster as Cluster).options.redisOptions;
      expect(options).toMatchObject({ username: 'user', password: 'secret', connectionName: 'n' });
      expect(options).not.toHaveProperty('db');
      expect(single).toBeInstanceOf(Redis);
      expect((single as Redis).options).toMatchObject({ port: 6380, db: 2 });
    } finally {
      cluster.disconnect();
      single.disconnect();
    }
  });

  it('names a target without its credentials', () => {
    expect(describeTarget({ url: 'redis://u:p@h:7/0' })).toBe('Redis at redis://h:7/0');
    expect(describeTarget({ url: 'redis://u:p@h:7', clusterNodes: ['a:1', 'b:2'] })).toBe('the Redis Cluster at a:1,b:2');
  });
});
