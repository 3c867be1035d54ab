export * from './connection/redis-url';
export * from './connection/redis-connection';
export * from './connection/redis-outage-log';
export * from './leases/instance-lease';
export * from './leases/lease-holder';
export * from './async/with-timeout';
export * from './connection/redis-target';
