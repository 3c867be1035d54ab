/**
 * Queue names shared by the control plane and the host agents. BullMQ keys are
 * `${QUEUE_PREFIX}:{tag}:${queueName}:...`, so two stacks with different prefixes never meet.
 */
export const DEFAULT_QUEUE_PREFIX = 'fsr';

/**
 * The BullMQ prefix of a queue: the stack's prefix and a Redis Cluster hash tag. Every key of one host's
 * queues shares the host's tag, so BullMQ's scripts (several keys of a queue each) and the agent's read of
 * all its partitions' events stay on one shard; different hosts spread over the shards.
 */
export const queueKeyPrefix = (prefix: string, queueName: string): string => `${prefix}:{${/^host\.([^.]+)\./.exec(queueName)?.[1] ?? queueName}}`;

/** BullMQ's `{ connection, prefix }` for one queue of a stack. */
export const bullOptionsFor = <C>(queueName: string, bull: { readonly connection: C; readonly prefix: string }) => ({
  connection: bull.connection,
  prefix: queueKeyPrefix(bull.prefix, queueName),
});

/** Host agents report to the control plane here (registration, heartbeats, shutdown). */
export const CONTROL_PLANE_REPORTS_QUEUE = 'control-plane.reports';

/** Commands from the control plane to one host agent (power, disks, FSR prepare/switch-over). */
export const hostCommandsQueue = (hostId: string): string => `host.${hostId}.commands`;

/** PFrame segment partition `partition` of a host: segment i of a switch-over runs on partition i. */
export const pframePartitionQueue = (hostId: string, partition: number): string =>
  `host.${hostId}.pframes.p${String(partition).padStart(2, '0')}`;

/** Deterministic job id: one per segment and attempt epoch of a switch-over, so re-adding is a no-op. */
export const segmentJobId = (operationId: string, epoch: number, segmentIndex: number): string =>
  `${operationId}.e${epoch}.s${segmentIndex}`;

export const HOST_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The Redis key that lets one agent process at a time serve a host (`${prefix}:${key}`). */
export const hostAgentLeaseKey = (hostId: string): string => `lease:host.${hostId}.agent`;

/** The Redis key that lets one control plane at a time run on a queue prefix, until replicas are supported. */
export const CONTROL_PLANE_LEASE_KEY = 'lease:control-plane';
