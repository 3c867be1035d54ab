import { EventStore, streams } from '@fsr/application';
import { HostNumaLayout } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { evolveHostView } from '../projections/host-view.projection';
import { HostViewRow } from '../projections/view-rows';

const layoutOf = (row: Pick<HostViewRow, 'id' | 'cpuCores' | 'numaNodes'>): HostNumaLayout => ({
  hostId: row.id,
  capacity: { cpuCores: row.cpuCores, numaNodes: row.numaNodes },
});

/** The NUMA layouts of these hosts as they are now, by host id. */
export async function currentNumaLayouts(prisma: PrismaClient, hostIds: readonly string[]): Promise<Map<string, HostNumaLayout>> {
  const rows = await prisma.hostView.findMany({
    where: { id: { in: [...new Set(hostIds)] } },
    select: { id: true, cpuCores: true, numaNodes: true },
  });
  return new Map(rows.map((row) => [row.id, layoutOf(row)]));
}

/** The host's NUMA layout as it was at `at`, folded from its stream; undefined when it was not registered then. */
export async function numaLayoutAt(events: EventStore, hostId: string, at: Date): Promise<HostNumaLayout | undefined> {
  const stream = await events.readStream(streams.host(hostId), { until: at });
  const row = stream.reduce<HostViewRow | null>((view, event) => evolveHostView(view, event), null);
  return row ? layoutOf(row) : undefined;
}
