import type { ConnectionOptions } from 'bullmq';
import { newRedisClient, redisOptionsFromUrl, RedisTarget } from '@fsr/redis-plumbing';

/** BullMQ connection options from REDIS_URL (ioredis and BullMQ type the same options differently). */
export const bullConnection = (redisUrl: string): ConnectionOptions => redisOptionsFromUrl(redisUrl) as ConnectionOptions;

/**
 * BullMQ's connection to the target: options for one Redis (each queue connects on its own, as before), one
 * shared cluster client for a Redis Cluster (BullMQ tells a cluster only by its client; each blocking
 * reader duplicates it). The caller disconnects a client it was given.
 */
export const bullConnectionOf = (target: RedisTarget): ConnectionOptions =>
  target.clusterNodes && target.clusterNodes.length > 0
    ? newRedisClient(target, { maxRetriesPerRequest: null, lazyConnect: true, connectionName: 'fsr-control-plane-queues' })
    : bullConnection(target.url);
