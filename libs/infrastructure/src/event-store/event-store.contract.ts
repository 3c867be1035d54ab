import { ConcurrencyError, EventStore } from '@fsr/application';
import { describeEventStoreConcurrencyContract } from './event-store-concurrency.contract';
import { context, ContractWorld, event, EventStoreFactory, EventStoreFixture, newId } from './contract-fixtures';
import { describeEventStoreHistoryContract } from './event-store-history.contract';
import { ManualClock } from './manual-clock';

export type { EventStoreFactory, EventStoreFixture } from './contract-fixtures';

/** The behaviour every EventStore adapter must have; run it from each adapter's spec. */
export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`${name} (EventStore contract)`, () => {
    let fixture: EventStoreFixture;
    const world = {} as { store: EventStore; clock: ManualClock };
    beforeEach(async () => {
      world.clock = new ManualClock();
      fixture = await factory(world.clock.read);
      world.store = fixture.store;
    });
    afterEach(() => fixture.close?.());

    describeAppendAndRead(world);
    describeEventStoreConcurrencyContract(world);
    describeEventStoreHistoryContract(world);
  });
}

function describeAppendAndRead(world: ContractWorld): void {
  it('starts empty at position 0', async () => {
    expect(await world.store.lastPosition()).toBe(0n);
    expect(await world.store.readAll(0n, 10)).toEqual([]);
    expect(await world.store.readStream('vm-none')).toEqual([]);
  });

  it('appends a new stream from version 0 with positions and metadata, and reads it back', async () => {
    const id = newId();
    const data = { vmId: id, nested: { list: [1, 'two', null], flag: true } };
    const recorded = await world.store.append(
      [{ streamId: `vm-${id}`, expectedVersion: -1, events: [event('vm.created', data), event('vm.powered-on', { vmId: id })] }],
      context,
    );
    expect(recorded.map((e) => [e.streamId, e.streamVersion, e.type])).toEqual([
      [`vm-${id}`, 0, 'vm.created'],
      [`vm-${id}`, 1, 'vm.powered-on'],
    ]);
    expect(typeof recorded[0].position).toBe('bigint');
    expect(recorded[1].position).toBeGreaterThan(recorded[0].position);
    expect(recorded[0].data).toEqual(data);
    expect(recorded[0].metadata).toEqual({ ...context, occurredAt: world.clock.read().toISOString(), subjects: [`vm:${id}`] });
    expect(await world.store.readStream(`vm-${id}`)).toEqual(recorded);
    expect(await world.store.lastPosition()).toBe(recorded[1].position);
  });

  it('continues a stream at the expected version', async () => {
    const streamId = `host-${newId()}`;
    await world.store.append([{ streamId, expectedVersion: -1, events: [event('a')] }], context);
    const next = await world.store.append([{ streamId, expectedVersion: 0, events: [event('b'), event('c')] }], context);
    expect(next.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect((await world.store.readStream(streamId)).map((e) => e.type)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a wrong expected version with ConcurrencyError naming stream, expected and actual', async () => {
    const streamId = `vm-${newId()}`;
    await world.store.append([{ streamId, expectedVersion: -1, events: [event('a'), event('b')] }], context);
    const stale = world.store.append([{ streamId, expectedVersion: 0, events: [event('c')] }], context);
    await expect(stale).rejects.toThrow(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ streamId, expectedVersion: 0, actualVersion: 1 });
    await expect(world.store.append([{ streamId, expectedVersion: -1, events: [event('c')] }], context)).rejects.toMatchObject({
      actualVersion: 1,
    });
    const missing = world.store.append([{ streamId: `vm-${newId()}`, expectedVersion: 3, events: [event('c')] }], context);
    await expect(missing).rejects.toMatchObject({ expectedVersion: 3, actualVersion: null });
    expect(await world.store.readStream(streamId)).toHaveLength(2);
  });

  it('reads the global log after a position, in pages', async () => {
    const start = await world.store.lastPosition();
    const streamId = `vm-${newId()}`;
    const recorded = await world.store.append(
      [{ streamId, expectedVersion: -1, events: ['a', 'b', 'c', 'd', 'e'].map((type) => event(type)) }],
      context,
    );
    const firstPage = await world.store.readAll(start, 3);
    expect(firstPage).toEqual(recorded.slice(0, 3));
    expect(await world.store.readAll(firstPage[2].position, 10)).toEqual(recorded.slice(3));
    expect(await world.store.readAll(recorded[4].position, 10)).toEqual([]);
  });

  it('merges the append subjects with those the stream and the data name, without duplicates', async () => {
    const [vmId, hostId, operationId] = [newId(), newId(), newId()];
    const [recorded] = await world.store.append(
      [
        {
          streamId: `operation-${operationId}`,
          expectedVersion: -1,
          subjects: [`vm:${vmId}`, 'custom:x'],
          events: [event('operation.requested', { operationId, vmId, hostId })],
        },
      ],
      context,
    );
    expect(recorded.metadata.subjects).toEqual([`vm:${vmId}`, 'custom:x', `operation:${operationId}`, `host:${hostId}`]);
  });
}
