export {};
export * from './decider-specification';
export * from './databases/test-postgres-database';
export * from './databases/test-pglite';
export * from './servers/free-port';
export * from './servers/private-redis';
export * from './servers/private-postgres';
export * from './redis/delete-redis-keys';
export * from './servers/private-redis-cluster';
