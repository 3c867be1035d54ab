import { DomainEvent } from '@fsr/domain';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { ManualClock } from '../event-store/manual-clock';
import { ScenarioWriter } from '../projections/scenario-writer.fixture';
import { decodeCursor, encodeCursor } from './history-cursor';
import { HistoryQueries } from './history.queries';

const power = (on: boolean): DomainEvent =>
  on
    ? { type: 'vm.powered-on', data: { vmId: 'vm1', hostId: 'h1', memoryMiB: 1024 } }
    : { type: 'vm.powered-off', data: { vmId: 'vm1', hostId: 'h1', reason: 'user' } };

describe('history queries', () => {
  const clock = new ManualClock();
  const store = new InMemoryEventStore({ clock: clock.read });
  const queries = new HistoryQueries(store);

  beforeAll(async () => {
    const writer = new ScenarioWriter(store);
    await writer.record(['host-h1', [{ type: 'host.registered', data: { hostId: 'h1', name: 'esx' } }]]);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      await writer.record(['vm-vm1', [i === 0 ? { type: 'vm.workload-set', data: { vmId: 'vm1', workload: null } } : power(i % 2 === 1)]]);
    }
  });

  it('pages through a VM history oldest first with an opaque cursor', async () => {
    const first = await queries.vmHistory('vm1', { limit: 2 });
    expect(first.items.map((item) => item.streamVersion)).toEqual([0, 1]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await queries.vmHistory('vm1', { limit: 2, cursor: first.nextCursor! });
    const third = await queries.vmHistory('vm1', { limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((item) => item.streamVersion)).toEqual([2, 3, 4]);
    expect(third.nextCursor).toBeNull();
  });

  it('shapes items with their metadata', async () => {
    const [item] = (await queries.hostHistory('h1', {})).items;
    expect(item).toEqual({
      position: 1,
      streamVersion: 0,
      type: 'host.registered',
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: 'admin:test',
      correlationId: 'command-1',
      causationId: null,
      data: { hostId: 'h1', name: 'esx' },
    });
  });

  it('filters by type and time', async () => {
    const on = await queries.vmHistory('vm1', { types: ['vm.powered-on'], from: new Date('2026-01-01T00:00:02.000Z') });
    expect(on.items.map((item) => item.occurredAt)).toEqual(['2026-01-01T00:00:02.000Z', '2026-01-01T00:00:04.000Z']);
    const early = await queries.vmHistory('vm1', { to: new Date('2026-01-01T00:00:02.000Z') });
    expect(early.items.map((item) => item.type)).toEqual(['vm.workload-set', 'vm.powered-on']);
  });

  it('answers an empty page for a filter that matches nothing, and 404 for an entity never seen', async () => {
    await expect(queries.vmHistory('vm1', { types: ['vm.created'] })).resolves.toEqual({ items: [], nextCursor: null });
    await expect(queries.vmHistory('nope', {})).rejects.toMatchObject({ code: 'VM_NOT_FOUND' });
    await expect(queries.hostHistory('nope', {})).rejects.toMatchObject({ code: 'HOST_NOT_FOUND' });
  });

  it('rejects a cursor it did not make', async () => {
    expect(decodeCursor(encodeCursor(42n))).toBe(42n);
    await expect(queries.vmHistory('vm1', { cursor: 'garbage' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', kind: 'invalid' });
  });

  it('reads the global log after a position', async () => {
    const page = await queries.eventLog(4n, 10);
    expect(page.items.map((item) => [item.position, item.streamId])).toEqual([
      [5, 'vm-vm1'],
      [6, 'vm-vm1'],
    ]);
    expect(page.nextAfter).toBe(6);
    expect((await queries.eventLog(6n, 10)).nextAfter).toBe(6);
  });
});
