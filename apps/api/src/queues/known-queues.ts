import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { Queue } from 'bullmq';
import { newRedisClient, RedisClient } from '@fsr/redis-plumbing';
import { Subscription } from 'rxjs';
import { EventRecorded } from '@fsr/application';
import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE, hostCommandsQueue, pframePartitionQueue } from '@fsr/contracts';
import { HostQueries, OperationQueries } from '@fsr/infrastructure';
import { AppConfig, redisTargetOf } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { describeQueue, QueueDescription } from './queue-description';

export interface KnownQueue {
  readonly queue: Queue;
  readonly description: QueueDescription;
}

type Listener = (known: KnownQueue) => void;

/**
 * Every BullMQ queue of the cluster, for the dashboard and the queue-depth metrics: the reports queue,
 * each host's commands queue and the PFrame partitions its switch-overs have used. Learned from the
 * read model at start and from the event log as hosts register and operations are requested.
 */
@Injectable()
export class KnownQueues implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KnownQueues.name);
  private readonly queues = new Map<string, KnownQueue>();
  private readonly listeners: Listener[] = [];
  private readonly connection: RedisClient;
  private subscription?: Subscription;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hosts: HostQueries,
    private readonly operations: OperationQueries,
    private readonly eventBus: EventBus,
  ) {
    this.connection = newRedisClient(redisTargetOf(config), { lazyConnect: true, maxRetriesPerRequest: null, connectionName: 'fsr-queue-dashboard' });
    this.connection.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.eventBus.pipe(ofType(EventRecorded)).subscribe(({ event }) => this.learnFrom(event.type, event.data));
    this.ensure(CONTROL_PLANE_REPORTS_QUEUE);
    try {
      for (const host of await this.hosts.list()) this.ensure(hostCommandsQueue(host.id));
      for (const operation of await this.operations.list()) this.ensurePartitions(operation.hostId, operation.segments);
    } catch (error) {
      this.logger.warn(`queues not learned from the read model: ${(error as Error).message}`);
    }
  }

  /** Calls `listener` for every queue known now and every queue learned later. */
  onQueue(listener: Listener): void {
    this.listeners.push(listener);
    for (const known of this.queues.values()) listener(known);
  }

  all(): KnownQueue[] {
    return [...this.queues.values()];
  }

  private learnFrom(type: string, data: object): void {
    const event = data as { hostId?: string; segments?: { partition: number }[] };
    if (!event.hostId) return;
    if (type === 'host.registered' || type === 'host.connected') this.ensure(hostCommandsQueue(event.hostId));
    if (type === 'operation.requested' && event.segments) this.ensurePartitions(event.hostId, event.segments);
  }

  private ensurePartitions(hostId: string, segments: readonly { partition: number }[]): void {
    for (const segment of segments) this.ensure(pframePartitionQueue(hostId, segment.partition));
  }

  private ensure(name: string): void {
    if (this.queues.has(name)) return;
    const queue = new Queue(name, bullOptionsFor(name, { connection: this.connection, prefix: this.config.queuePrefix }));
    queue.on('error', () => undefined);
    const known = { queue, description: describeQueue(name) };
    this.queues.set(name, known);
    for (const listener of this.listeners) listener(known);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all([...this.queues.values()].map(({ queue }) => queue.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
