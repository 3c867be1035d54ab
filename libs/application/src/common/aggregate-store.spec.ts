import { EventBus } from '@nestjs/cqrs';
import { RecordedEvent, requireVm, VmEvent, vmDecider } from '@fsr/domain';
import { hardware, vmCreated, vmId, vmPoweredOn, vmReconfigured } from '../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../infrastructure/src/event-store/in-memory-event-store';
import { InMemoryStreamSnapshots } from '../../../infrastructure/src/snapshots/in-memory-stream-snapshots';
import { ReadStreamOptions } from '../ports/event-store.port';
import { AggregateStore, SNAPSHOT_EVERY } from './aggregate-store';
import { SNAPSHOT_KINDS } from './snapshot-kinds';
import { streams } from './streams';

const noBus = { publishAll: () => undefined } as unknown as EventBus;
const context = { correlationId: 'c', causationId: null, actor: 'test' };
const stream = streams.vm(vmId);

/** The event store, counting the events each read returns. */
class CountingEventStore extends InMemoryEventStore {
  readonly eventsRead: number[] = [];

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await super.readStream(streamId, options);
    this.eventsRead.push(events.length);
    return events;
  }
}

const reconfigurations = (count: number, from = 0): VmEvent[] =>
  Array.from({ length: count }, (_, i) => vmReconfigured({ ...hardware, vcpus: 2 + ((from + i) % 30) }, `op-${from + i}`));

async function streamOf(events: CountingEventStore, count: number): Promise<void> {
  await events.append([{ streamId: stream, expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), ...reconfigurations(count)] }], context);
}

const folded = async (events: InMemoryEventStore) => new AggregateStore(events, noBus).load(vmDecider, stream);

describe('AggregateStore with snapshots', () => {
  it('folds only the events after its last load, and loads what a full fold gives', async () => {
    const events = new CountingEventStore();
    await streamOf(events, 1000);
    const store = new AggregateStore(events, noBus, new InMemoryStreamSnapshots());

    const first = await store.load(vmDecider, stream, SNAPSHOT_KINDS.vm);
    await events.append([{ streamId: stream, expectedVersion: first.version, events: reconfigurations(3, 1000) }], context);
    const second = await store.load(vmDecider, stream, SNAPSHOT_KINDS.vm);

    expect(events.eventsRead).toEqual([1002, 3]);
    expect(second).toEqual(await folded(events));
    expect(second.version).toBe(1004);
  });

  it('keeps a snapshot once a stream has grown, and a new process starts from it', async () => {
    const events = new CountingEventStore();
    const snapshots = new InMemoryStreamSnapshots();
    await streamOf(events, 2 * SNAPSHOT_EVERY);
    await new AggregateStore(events, noBus, snapshots).load(vmDecider, stream, SNAPSHOT_KINDS.vm);
    await events.append([{ streamId: stream, expectedVersion: 2 * SNAPSHOT_EVERY + 1, events: reconfigurations(5, 500) }], context);

    const restarted = await new AggregateStore(events, noBus, snapshots).load(vmDecider, stream, SNAPSHOT_KINDS.vm);

    expect(snapshots.size).toBe(1);
    expect(events.eventsRead).toEqual([2 * SNAPSHOT_EVERY + 2, 5]);
    expect(restarted).toEqual(await folded(events));
  });

  it('catches up with what another process appended since its own last load', async () => {
    const events = new CountingEventStore();
    await streamOf(events, 10);
    const mine = new AggregateStore(events, noBus, new InMemoryStreamSnapshots());
    const theirs = new AggregateStore(events, noBus, new InMemoryStreamSnapshots());
    await mine.load(vmDecider, stream, SNAPSHOT_KINDS.vm);

    const { version } = await theirs.load(vmDecider, stream, SNAPSHOT_KINDS.vm);
    await theirs.append([{ streamId: stream, expectedVersion: version, events: reconfigurations(1, 99) }], context);

    const caughtUp = await mine.load(vmDecider, stream, SNAPSHOT_KINDS.vm);
    expect(caughtUp.version).toBe(version + 1);
    expect(requireVm(caughtUp.state).hardware.vcpus).toBe(2 + (99 % 30));
  });

  it('never reads a snapshot of another version of the state', async () => {
    const events = new CountingEventStore();
    const snapshots = new InMemoryStreamSnapshots();
    await streamOf(events, SNAPSHOT_EVERY);
    await snapshots.write(stream, 'vm@0', { version: SNAPSHOT_EVERY, state: { garbage: true } });

    const loaded = await new AggregateStore(events, noBus, snapshots).load(vmDecider, stream, SNAPSHOT_KINDS.vm);

    expect(loaded).toEqual(await folded(events));
  });

  it('keeps a state that JSON carries whole, as the snapshot table keeps it', async () => {
    const events = new CountingEventStore();
    await streamOf(events, 3);
    const { state } = await folded(events);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });

  it('answers a stream that does not exist as the initial state, version -1', async () => {
    const store = new AggregateStore(new InMemoryEventStore(), noBus, new InMemoryStreamSnapshots());
    expect(await store.load(vmDecider, streams.vm('nobody'), SNAPSHOT_KINDS.vm)).toEqual({ state: vmDecider.initialState, version: -1 });
  });
});
