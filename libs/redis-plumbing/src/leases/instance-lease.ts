import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient as Redis } from '../connection/redis-target';
import { describeHolder, holderIsGone, LeaseHolder, thisProcess } from './lease-holder';

/** Another live process holds the lease: this one must not serve what it guards. */
export class LeaseHeldError extends Error {
  readonly code = 'LEASE_HELD';
  constructor(
    readonly what: string,
    readonly holder: LeaseHolder | null,
  ) {
    super(`${what} is already served by ${holder ? describeHolder(holder) : 'another process'}`);
    this.name = 'LeaseHeldError';
  }
}

export interface LeaseOptions {
  /** What the lease guards, for messages ("host host-1", "the control plane of prefix fsr"). */
  readonly what: string;
  readonly ttlMs?: number;
  /** Called once when another process took the lease (this one was paused or cut off past its ttl). */
  readonly onLost: (holder: LeaseHolder | null) => void;
  readonly log?: (message: string) => void;
}

// 1: still ours, extended; 2: gone (a Redis restart), taken again; 0: someone else's now.
const RENEW = `
local current = redis.call('get', KEYS[1])
if current == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const DEFAULT_TTL_MS = 5000;

/**
 * One process at a time for what `key` guards, kept in Redis with a time to live and renewed at a third of
 * it. A holder that is provably gone (a dead process on this machine) is taken over at once; any other
 * holder is waited for until its lease would have run out, then refused.
 */
export class InstanceLease {
  private renewal: NodeJS.Timeout | undefined;
  private lost = false;

  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly value: string,
    private readonly options: LeaseOptions,
  ) {}

  static async acquire(redis: Redis, key: string, options: LeaseOptions): Promise<InstanceLease> {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    const me: LeaseHolder = { ...thisProcess(), host: hostname() };
    const value = JSON.stringify(me);
    const deadline = Date.now() + ttlMs + 1000;
    for (;;) {
      if ((await redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK') break;
      const raw = await redis.get(key);
      const holder = parseHolder(raw);
      if (raw !== null && holder && holderIsGone(holder)) {
        options.log?.(`${options.what}: taking over from ${describeHolder(holder)}, which is gone`);
        if ((await redis.eval(RELEASE, 1, key, raw)) === 1) continue;
      }
      if (Date.now() > deadline) throw new LeaseHeldError(options.what, holder);
      await sleep(250);
    }
    const lease = new InstanceLease(redis, key, value, { ...options, ttlMs });
    lease.renewal = setInterval(() => void lease.renew(), Math.max(100, Math.floor(ttlMs / 3)));
    lease.renewal.unref();
    return lease;
  }

  /** Gives the lease up, if it is still ours. */
  async release(): Promise<void> {
    clearInterval(this.renewal);
    if (!this.lost) await this.redis.eval(RELEASE, 1, this.key, this.value).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const result = await this.redis.eval(RENEW, 1, this.key, this.value, String(this.options.ttlMs)).catch(() => null);
    if (result !== 0) return;
    this.lost = true;
    clearInterval(this.renewal);
    this.options.onLost(parseHolder(await this.redis.get(this.key).catch(() => null)));
  }
}

function parseHolder(raw: string | null): LeaseHolder | null {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as LeaseHolder;
  } catch {
    return null;
  }
}
