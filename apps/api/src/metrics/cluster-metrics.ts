import { Inject, Injectable } from '@nestjs/common';
import { WORK_LEASES, WorkLeases } from '@fsr/application';
import { leaseCounts } from '../infrastructure/lease-counts';
import { Gauge, Histogram } from 'prom-client';
import { HostQueries, OperationStatisticsQueries } from '@fsr/infrastructure';
import { KnownQueues } from '../queues/known-queues';
import { MetricsRegistry } from './metrics-registry';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * Metrics read from the read model and the queues when scraped, so they are right after a restart
 * and never drift from what GET /operations shows.
 */
@Injectable()
export class ClusterMetrics {
  private readonly stunSeconds: Histogram<'mode'>;
  private readonly operations: Gauge<'kind' | 'state'>;
  private readonly segmentRate: Gauge<'host_id'>;
  private readonly hostCopyRate: Gauge<'host_id'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly leasesHeld: Gauge<'kind'>;

  constructor(
    metrics: MetricsRegistry,
    private readonly statistics: OperationStatisticsQueries,
    private readonly hosts: HostQueries,
    private readonly queues: KnownQueues,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
  ) {
    const registers = [metrics.registry];
    this.stunSeconds = new Histogram({
      name: 'fsr_stun_duration_seconds',
      help: 'Measured stun (suspend to resume) of FSR switch-overs, by transfer mode',
      labelNames: ['mode'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.operations = new Gauge({ name: 'fsr_operations', help: 'Operations by kind and state', labelNames: ['kind', 'state'], registers });
    this.segmentRate = new Gauge({
      name: 'fsr_segment_transfer_rate_pframes_per_second',
      help: 'PFrames copied per second during the pframe-transfer phase (all segments together), over the recent successful switch-overs of a host',
      labelNames: ['host_id'],
      registers,
    });
    this.hostCopyRate = new Gauge({
      name: 'fsr_host_copy_rate_pframes_per_second_per_thread',
      help: 'PFrame copy rate of one copy thread as measured by the host agent',
      labelNames: ['host_id'],
      registers,
    });
    this.queueJobs = new Gauge({ name: 'fsr_queue_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'], registers });
    this.leasesHeld = new Gauge({ name: 'fsr_replica_leases', help: 'Work leases this replica holds, by kind (operation, host-liveness, replica)', labelNames: ['kind'], registers });
  }

  async refresh(): Promise<void> {
    await Promise.all([this.refreshOperations(), this.refreshTransferRates(), this.refreshQueues()]);
    this.leasesHeld.reset();
    for (const [kind, count] of Object.entries(leaseCounts(this.leases.heldHere()))) this.leasesHeld.set({ kind }, count);
  }

  private async refreshOperations(): Promise<void> {
    const [counts, stuns] = await Promise.all([this.statistics.countsByKindAndState(), this.statistics.measuredStuns()]);
    this.operations.reset();
    for (const { kind, state, count } of counts) this.operations.set({ kind, state }, count);
    this.stunSeconds.reset();
    for (const { mode, stunMs } of stuns) this.stunSeconds.observe({ mode }, stunMs / 1000);
  }

  private async refreshTransferRates(): Promise<void> {
    const [transfers, hosts] = await Promise.all([this.statistics.recentSegmentTransfers(), this.hosts.list()]);
    this.segmentRate.reset();
    for (const { hostId, pframes, seconds } of transfers) if (seconds > 0) this.segmentRate.set({ host_id: hostId }, pframes / seconds);
    this.hostCopyRate.reset();
    for (const host of hosts) {
      const rate = host.pframeTransferRate.perThreadPFramesPerSecond;
      if (rate !== null) this.hostCopyRate.set({ host_id: host.id }, rate);
    }
  }

  private async refreshQueues(): Promise<void> {
    const depths = await Promise.all(
      this.queues.all().map(async ({ queue }) => ({ queue: queue.name, counts: await queue.getJobCounts(...JOB_STATES) })),
    );
    this.queueJobs.reset();
    for (const { queue, counts } of depths) for (const state of JOB_STATES) this.queueJobs.set({ queue, state }, counts[state] ?? 0);
  }
}
