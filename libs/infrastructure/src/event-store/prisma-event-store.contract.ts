import { PrismaClient } from '../prisma/generated/client';
import { asWritten, context, event, newId } from './contract-fixtures';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';

/** The EventStore contract plus what is the Prisma adapter's own (its rows), on whichever database `prisma` reaches. */
export function describePrismaEventStore(name: string, prisma: () => PrismaClient): void {
  const emptyLog = () => prisma().$executeRaw`TRUNCATE events RESTART IDENTITY`;

  describeEventStoreContract(name, async (clock) => {
    await emptyLog();
    return { store: new PrismaEventStore(prisma(), { clock, readData: asWritten }) };
  });

  it(`${name}: writes one row of the events table per event, with its stream, version and type`, async () => {
    await emptyLog();
    const streamId = `vm-${newId()}`;
    const store = new PrismaEventStore(prisma(), { readData: asWritten });
    await store.append([{ streamId, expectedVersion: -1, events: [event('vm.created'), event('vm.powered-on')] }], context);
    const rows = await prisma().event.findMany({ orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.position, row.streamId, row.streamVersion, row.type])).toEqual([
      [1n, streamId, 0, 'vm.created'],
      [2n, streamId, 1, 'vm.powered-on'],
    ]);
  });

  it(`${name}: reads each event through the domain's registry: an older shape upcast, a malformed one a clear error, nothing lost`, async () => {
    await emptyLog();
    const metadata = { correlationId: 'c', causationId: null, actor: 'system:old-version', occurredAt: '2026-06-01T00:00:00.000Z', subjects: [] };
    const row = (streamId: string, type: string, data: object) => ({ streamId, streamVersion: 0, type, data, metadata, subjects: [], actor: metadata.actor, occurredAt: new Date(metadata.occurredAt) });
    const capacity = { cpuCores: 8, memoryMiB: 4096, workerThreads: 2, pframesPerSecondPerThread: null };
    await prisma().event.createMany({
      data: [
        row('host-old', 'host.connected', { hostId: 'old', agentInstanceId: 'a-1', ...capacity }),
        row('vm-bad', 'vm.created', { vmId: 'bad', hostId: 'h', datastoreId: 'ds', vcpus: 'two' }),
        row('vm-new', 'vm.teleported', { vmId: 'new' }),
      ],
    });
    const store = new PrismaEventStore(prisma());

    expect((await store.readStream('host-old'))[0].data).toEqual({ hostId: 'old', agentInstanceId: 'a-1', ...capacity, numaNodes: 1 });
    const unreadable = store.readStream('vm-bad');
    await expect(unreadable).rejects.toMatchObject({ code: 'EVENT_UNREADABLE', kind: 'unavailable', details: { streamId: 'vm-bad', streamVersion: 0, type: 'vm.created' } });
    await expect(unreadable).rejects.toThrow(/event 0 of vm-bad \(vm\.created\) cannot be read by this version: vcpus: Invalid input: expected number, received string; coresPerSocket: /);
    await expect(store.readStream('vm-new')).rejects.toThrow(/\(vm\.teleported\) cannot be read by this version: no such event type/);
    expect(await prisma().event.count()).toBe(3);
  });
}

