import { describeEventStoreContract } from './event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';
import { context, event, newId } from './contract-fixtures';

describeEventStoreContract('InMemoryEventStore', async (clock) => ({ store: new InMemoryEventStore({ clock }) }));

it('keeps each store’s log to itself, so tests built on it never see each other', async () => {
  const [first, second] = [new InMemoryEventStore(), new InMemoryEventStore()];
  await first.append([{ streamId: `vm-${newId()}`, expectedVersion: -1, events: [event('vm.created')] }], context);
  expect(await first.lastPosition()).toBe(1n);
  expect(await second.lastPosition()).toBe(0n);
  expect(await second.readAll(0n, 10)).toEqual([]);
});
