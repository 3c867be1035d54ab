import { PrismaClient } from '../prisma/generated/client';
import { context, event, newId } from './contract-fixtures';
import { describeEventStoreContract } from './event-store.contract';
import { PrismaEventStore } from './prisma-event-store';

/** The EventStore contract plus what is the Prisma adapter's own (its rows), on whichever database `prisma` reaches. */
export function describePrismaEventStore(name: string, prisma: () => PrismaClient): void {
  const emptyLog = () => prisma().$executeRaw`TRUNCATE events RESTART IDENTITY`;

  describeEventStoreContract(name, async (clock) => {
    await emptyLog();
    return { store: new PrismaEventStore(prisma(), { clock }) };
  });

  it(`${name}: writes one row of the events table per event, with its stream, version and type`, async () => {
    await emptyLog();
    const streamId = `vm-${newId()}`;
    const store = new PrismaEventStore(prisma());
    await store.append([{ streamId, expectedVersion: -1, events: [event('vm.created'), event('vm.powered-on')] }], context);
    const rows = await prisma().event.findMany({ orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.position, row.streamId, row.streamVersion, row.type])).toEqual([
      [1n, streamId, 0, 'vm.created'],
      [2n, streamId, 1, 'vm.powered-on'],
    ]);
  });
}
