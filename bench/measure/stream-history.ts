import { performance } from 'node:perf_hooks';
import { EventBus } from '@nestjs/cqrs';
import { AggregateStore, SNAPSHOT_KINDS, streams } from '@fsr/application';
import { DomainEvent, requireVm, VmHardware, vmDecider } from '@fsr/domain';
import { PrismaEventStore, PrismaStreamSnapshots } from '@fsr/infrastructure';
import { createTestPostgresDatabase } from '@fsr/testing';
import { repeat, Summary, summarize } from '../support/stats';

export interface StreamHistoryRow {
  /** Operations recorded on the VM's stream before the measured command. */
  readonly history: number;
  /** Load the VM, decide, append one event: ms. */
  readonly withSnapshots: { readonly warm: Summary; readonly cold: Summary };
  /** The same command folding the whole stream, as every load did before snapshots. */
  readonly fullFold: Summary;
}

export interface StreamHistoryFigures {
  readonly rows: StreamHistoryRow[];
  readonly measuredAt: string;
}

const HISTORIES = [10, 10_000];
const BATCH = 500;
const context = { correlationId: 'bench', causationId: null, actor: 'bench' };
const noBus = { publishAll: () => undefined } as unknown as EventBus;
const hardware = (vcpus: number): VmHardware => ({
  vcpus,
  coresPerSocket: 1,
  memoryMiB: 4096,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [{ diskId: 'disk-1', sizeMiB: 1024, datastoreId: 'ds-1', fileName: 'disk-1.img' }],
  nics: [{ nicId: 'nic-1', network: 'lan' }],
});

/** What an operation leaves on a VM's stream: it starts, the hardware changes, it ends. */
const operation = (vmId: string, n: number): DomainEvent[] => [
  { type: 'vm.operation-started', data: { vmId, operationId: `op-${n}`, kind: 'hot-add' } },
  { type: 'vm.reconfigured', data: { vmId, hardware: hardware(2 + (n % 30)), operationId: `op-${n}` } },
  { type: 'vm.operation-ended', data: { vmId, operationId: `op-${n}`, outcome: 'succeeded' } },
];

async function vmWithHistory(events: PrismaEventStore, vmId: string, operations: number): Promise<void> {
  const stream = streams.vm(vmId);
  const created: DomainEvent[] = [
    { type: 'vm.created', data: { vmId, name: vmId, hostId: 'host-1', datastoreId: 'ds-1', ...hardware(2) } },
    { type: 'vm.powered-on', data: { vmId, hostId: 'host-1', memoryMiB: 4096 } },
  ];
  const all = [...created, ...Array.from({ length: operations }, (_, n) => operation(vmId, n)).flat()];
  for (let at = 0; at < all.length; at += BATCH) {
    await events.append([{ streamId: stream, expectedVersion: at - 1, events: all.slice(at, at + BATCH) }], context);
  }
}

/**
 * The cost of one command against a VM with little and with much history behind it: through the real
 * event store and snapshot table on PostgreSQL, warm (this process loaded the VM before), cold (a new
 * process: the kept snapshot, then the events after it) and as a full fold.
 */
export async function measureStreamHistory(runs: number): Promise<StreamHistoryFigures> {
  const database = await createTestPostgresDatabase();
  try {
    const events = new PrismaEventStore(database.prisma);
    const snapshots = new PrismaStreamSnapshots(database.prisma);
    const rows: StreamHistoryRow[] = [];
    for (const history of HISTORIES) {
      const vmId = `vm-${history}`;
      await vmWithHistory(events, vmId, history);
      const warmStore = new AggregateStore(events, noBus, snapshots);
      let n = history;
      const command = async (store: AggregateStore, snapshotted: boolean): Promise<number> => {
        const startedAt = performance.now();
        const { state, version } = snapshotted
          ? await store.load(vmDecider, streams.vm(vmId), SNAPSHOT_KINDS.vm)
          : await store.load(vmDecider, streams.vm(vmId));
        const { hardware } = requireVm(state);
        const next = { ...hardware, vcpus: (hardware.vcpus % 30) + 2 };
        await store.append([{ streamId: streams.vm(vmId), expectedVersion: version, events: [{ type: 'vm.reconfigured', data: { vmId, hardware: next, operationId: `op-${n++}` } }] }], context);
        return performance.now() - startedAt;
      };
      const warm = await repeat(runs, () => command(warmStore, true), 2);
      const cold = await repeat(runs, () => command(new AggregateStore(events, noBus, snapshots), true), 1);
      const fullFold = await repeat(runs, () => command(new AggregateStore(events, noBus), false), 1);
      rows.push({ history, withSnapshots: { warm: summarize(warm), cold: summarize(cold) }, fullFold: summarize(fullFold) });
    }
    return { rows, measuredAt: new Date().toISOString() };
  } finally {
    await database.drop();
  }
}
