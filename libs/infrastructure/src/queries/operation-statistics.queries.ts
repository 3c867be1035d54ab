import { PrismaClient } from '../prisma/generated/client';
import { OperationPhaseEntry, OperationSegmentEntry } from '../projections/view-rows';

export interface OperationCount {
  readonly kind: string;
  readonly state: string;
  readonly count: number;
}

export interface MeasuredStun {
  readonly mode: string;
  readonly stunMs: number;
}

export interface SegmentTransfer {
  readonly hostId: string;
  readonly pframes: number;
  readonly seconds: number;
}

const RECENT_OPERATIONS = 100;

/** Aggregates of the operation view for the metrics endpoint: right after a restart, since the view is rebuilt from the log. */
export class OperationStatisticsQueries {
  constructor(private readonly prisma: PrismaClient) {}

  async countsByKindAndState(): Promise<OperationCount[]> {
    const groups = await this.prisma.operationView.groupBy({ by: ['kind', 'state'], _count: { _all: true } });
    return groups.map((group) => ({ kind: group.kind, state: group.state, count: group._count._all }));
  }

  /** Every switch-over that measured a stun (succeeded, or rolled back after the suspend). */
  async measuredStuns(): Promise<MeasuredStun[]> {
    const rows = await this.prisma.operationView.findMany({
      where: { stunMs: { not: null } },
      select: { mode: true, stunMs: true },
    });
    return rows.map((row) => ({ mode: row.mode, stunMs: row.stunMs as number }));
  }

  /**
   * PFrames the segments copied and the time of the pframe-transfer phases, per host, over its recent
   * successful switch-overs. The phase, not each segment: a small segment copies within one millisecond.
   */
  async recentSegmentTransfers(): Promise<SegmentTransfer[]> {
    const rows = await this.prisma.operationView.findMany({
      where: { state: 'succeeded', stunMs: { not: null } },
      orderBy: { updatedAt: 'desc' },
      take: RECENT_OPERATIONS,
      select: { hostId: true, segments: true, phases: true },
    });
    const byHost = new Map<string, { pframes: number; seconds: number }>();
    for (const row of rows) {
      const transfer = (row.phases as unknown as OperationPhaseEntry[]).find((phase) => phase.name === 'pframe-transfer');
      if (!transfer?.endedAt) continue;
      const total = byHost.get(row.hostId) ?? { pframes: 0, seconds: 0 };
      total.pframes += (row.segments as unknown as OperationSegmentEntry[]).reduce((sum, segment) => sum + segment.ppnCount, 0);
      total.seconds += Math.max(0, Date.parse(transfer.endedAt) - Date.parse(transfer.startedAt)) / 1000;
      byHost.set(row.hostId, total);
    }
    return [...byHost].map(([hostId, total]) => ({ hostId, ...total }));
  }
}
