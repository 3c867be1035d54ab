import { Cluster, ClusterNode, Redis, RedisOptions } from 'ioredis';
import { redisOptionsFromUrl } from './redis-url';

/** One Redis or a Redis Cluster: what control plane and agents connect to. */
export type RedisClient = Redis | Cluster;

/**
 * Where Redis is: `url` alone for one server; with `clusterNodes` (`REDIS_CLUSTER_NODES`, `host:port,...`)
 * a Redis Cluster reached through those nodes, `url` then giving only the credentials and TLS.
 */
export interface RedisTarget {
  readonly url: string;
  readonly clusterNodes?: readonly string[] | null;
}

export const CLUSTER_NODE_PATTERN = /^[^\s:,]+:\d{1,5}$/;
export const CLUSTER_NODES_MESSAGE = 'must be host:port pairs separated by commas, e.g. 127.0.0.1:7000,127.0.0.1:7001';
export const validClusterNodes = (nodes: readonly string[] | null): boolean => nodes === null || nodes.every((node) => CLUSTER_NODE_PATTERN.test(node));

/** `REDIS_CLUSTER_NODES` as a list; empty or unset: no cluster. */
export const clusterNodesOf = (value: string | undefined): string[] | null => {
  const nodes = (value ?? '').split(',').map((node) => node.trim()).filter((node) => node.length > 0);
  return nodes.length > 0 ? nodes : null;
};

const clusterNode = (node: string): ClusterNode => {
  const at = node.lastIndexOf(':');
  return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
};

/** A client of the target, not yet connected unless `lazyConnect` is false. */
export function newRedisClient(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const { host: _host, port: _port, db: _db, lazyConnect, ...redisOptions } = { ...redisOptionsFromUrl(target.url), ...options };
  if (!target.clusterNodes || target.clusterNodes.length === 0) return new Redis({ ...redisOptionsFromUrl(target.url), ...options });
  return new Cluster(target.clusterNodes.map(clusterNode), {
    redisOptions,
    lazyConnect: lazyConnect ?? false,
    // A shard whose primary restarts is found again through the others; its slots wait meanwhile.
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 200,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
}

/** The name `CLIENT LIST` shows for the client's connections. */
export const connectionNameOf = (client: RedisClient): string | undefined =>
  client instanceof Cluster ? client.options.redisOptions?.connectionName : client.options.connectionName;

/** Another client to the same target (for blocking reads), named `connectionName`, connected on first use. */
export function duplicateClient(client: RedisClient, connectionName: string): RedisClient {
  if (client instanceof Cluster) {
    return client.duplicate(undefined, { lazyConnect: true, redisOptions: { ...client.options.redisOptions, connectionName } });
  }
  return client.duplicate({ lazyConnect: true, connectionName });
}

/** How the target is written in a message: no credentials. */
export function describeTarget(target: RedisTarget): string {
  if (target.clusterNodes && target.clusterNodes.length > 0) return `the Redis Cluster at ${target.clusterNodes.join(',')}`;
  const url = new URL(target.url);
  return `Redis at ${url.protocol}//${url.hostname}:${url.port || 6379}${url.pathname}`;
}
