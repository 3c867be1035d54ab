import type { ConnectionOptions } from 'bullmq';
import { redisOptionsFromUrl } from '@fsr/redis-plumbing';

/** BullMQ connection options from REDIS_URL (ioredis and BullMQ type the same options differently). */
export const bullConnection = (redisUrl: string): ConnectionOptions => redisOptionsFromUrl(redisUrl) as ConnectionOptions;
