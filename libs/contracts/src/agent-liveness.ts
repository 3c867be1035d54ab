/** Redis hash under the queue prefix: agent instance id → when it was last heard from (ms, Redis's clock). */
export const agentsLastSeenKey = (prefix: string): string => `${prefix}:agents:last-seen`;

/**
 * Marks an agent instance heard now, by Redis's clock: the agent that heartbeats and the replica that
 * judges silence may run on machines whose clocks differ. KEYS[1] = agentsLastSeenKey, ARGV[1] = instance id.
 */
export const MARK_HEARD_SCRIPT = `local t = redis.call('TIME') redis.call('HSET', KEYS[1], ARGV[1], t[1] * 1000 + math.floor(t[2] / 1000)) return 1`;
