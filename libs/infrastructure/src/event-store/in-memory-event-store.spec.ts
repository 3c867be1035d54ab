import { describeEventStoreContract } from './event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';
import { asWritten, context, event, newId } from './contract-fixtures';

describeEventStoreContract('InMemoryEventStore', async (clock) => ({ store: new InMemoryEventStore({ clock, readData: asWritten }) }));

it('keeps each store’s log to itself, so tests built on it never see each other', async () => {
  const [first, second] = [new InMemoryEventStore({ readData: asWritten }), new InMemoryEventStore({ readData: asWritten })];
  await first.append([{ streamId: `vm-${newId()}`, expectedVersion: -1, events: [event('vm.created')] }], context);
  expect(await first.lastPosition()).toBe(1n);
  expect(await second.lastPosition()).toBe(0n);
  expect(await second.readAll(0n, 10)).toEqual([]);
});

it('records nothing of an append whose event does not match its schema, and says which', async () => {
  const store = new InMemoryEventStore();
  const streamId = `vm-${newId()}`;
  await expect(store.append([{ streamId, expectedVersion: -1, events: [event('vm.deleted', { vmId: '' })] }], context)).rejects.toThrow(
    `refusing to record vm.deleted as event 0 of ${streamId}: it does not match its schema`,
  );
  expect(await store.lastPosition()).toBe(0n);
});

