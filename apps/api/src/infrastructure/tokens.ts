/** Nest injection tokens of the control plane's infrastructure. */
export const PRISMA = Symbol('PRISMA');
export const APP_CONFIG = Symbol('APP_CONFIG');
/** The ioredis connection of the control plane (health checks, ad-hoc keys); BullMQ makes its own. */
export const REDIS = Symbol('REDIS');
/** BullMQ's `connection` for the control plane's queues and workers (`bullConnectionOf`). */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');
/** The opened database: `{ prisma, kind: 'postgres' | 'pglite', close() }`. */
export const DATABASE = Symbol('DATABASE');
/** This control-plane process among its replicas: `host:pid:random`, the holder of its leases. */
export const REPLICA_ID = Symbol('REPLICA_ID');
