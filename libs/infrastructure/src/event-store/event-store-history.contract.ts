import { RecordedEvent } from '@fsr/domain';
import { HistoryQuery } from '@fsr/application';
import { context, ContractWorld, event, newId } from './contract-fixtures';

const types = (events: readonly RecordedEvent[]) => events.map((e) => e.type);

/** A VM's history: three appends a minute apart, one by another actor, one in an operation. */
async function vmHistory(world: ContractWorld) {
  const [vmId, operationId] = [newId(), newId()];
  const streamId = `vm-${vmId}`;
  const t0 = world.clock.read();
  await world.store.append([{ streamId, expectedVersion: -1, events: [event('vm.created', { vmId }), event('vm.powered-on', { vmId })] }], context);
  const t1 = world.clock.advance(60_000);
  await world.store.append(
    [{ streamId, expectedVersion: 1, events: [event('vm.reconfigured', { vmId, operationId })] }],
    { ...context, actor: 'user:bob' },
  );
  const t2 = world.clock.advance(60_000);
  await world.store.append(
    [
      { streamId, expectedVersion: 2, events: [event('vm.powered-off', { vmId })] },
      { streamId: `operation-${operationId}`, expectedVersion: -1, subjects: [`vm:${vmId}`], events: [event('operation.succeeded', {})] },
    ],
    context,
  );
  await world.store.append([{ streamId: `vm-${newId()}`, expectedVersion: -1, events: [event('vm.created')] }], context);
  const query = (filters: Partial<HistoryQuery> = {}) => world.store.readHistory({ subject: `vm:${vmId}`, limit: 100, ...filters });
  return { streamId, operationId, t0, t1, t2, query };
}

export function describeEventStoreHistoryContract(world: ContractWorld): void {
  it('reads the history of a subject across streams, oldest first', async () => {
    const { query } = await vmHistory(world);
    const history = await query();
    expect(types(history)).toEqual(['vm.created', 'vm.powered-on', 'vm.reconfigured', 'vm.powered-off', 'operation.succeeded']);
    expect(history.map((e) => e.position)).toEqual([...history.map((e) => e.position)].sort((a, b) => (a < b ? -1 : 1)));
    expect(await world.store.readHistory({ subject: `vm:${newId()}`, limit: 10 })).toEqual([]);
  });

  it('filters history by types, time range, actor and operation', async () => {
    const { query, operationId, t1, t2 } = await vmHistory(world);
    expect(types(await query({ types: ['vm.powered-on', 'vm.powered-off'] }))).toEqual(['vm.powered-on', 'vm.powered-off']);
    expect(types(await query({ from: t1, to: t1 }))).toEqual(['vm.reconfigured']);
    expect(types(await query({ from: t2 }))).toEqual(['vm.powered-off', 'operation.succeeded']);
    expect(types(await query({ to: new Date(t1.getTime() - 1) }))).toEqual(['vm.created', 'vm.powered-on']);
    expect(types(await query({ actor: 'user:bob' }))).toEqual(['vm.reconfigured']);
    expect(types(await query({ operationId }))).toEqual(['vm.reconfigured', 'operation.succeeded']);
    expect(types(await query({ actor: 'user:bob', types: ['vm.created'] }))).toEqual([]);
  });

  it('pages through history with the position of the last event as cursor', async () => {
    const { query } = await vmHistory(world);
    const all = await query();
    const pages: RecordedEvent[][] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await query({ after, limit: 2 });
      if (page.length === 0) break;
      pages.push(page);
      after = page[page.length - 1].position;
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it('reads history newest first with order desc, paging down with `before`', async () => {
    const { query } = await vmHistory(world);
    const all = await query();
    const pages: RecordedEvent[][] = [];
    let before: bigint | undefined;
    for (;;) {
      const page = await query({ before, order: 'desc', limit: 2 });
      if (page.length === 0) break;
      pages.push(page);
      before = page[page.length - 1].position;
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...all].reverse());
  });

  it('reads a stream as it was at a time with `until`', async () => {
    const { streamId, t0, t1, t2 } = await vmHistory(world);
    expect(types(await world.store.readStream(streamId, { until: t0 }))).toEqual(['vm.created', 'vm.powered-on']);
    expect(types(await world.store.readStream(streamId, { until: t1 }))).toEqual(['vm.created', 'vm.powered-on', 'vm.reconfigured']);
    expect(types(await world.store.readStream(streamId, { until: t2 }))).toHaveLength(4);
    expect(await world.store.readStream(streamId, { until: new Date(t0.getTime() - 1) })).toEqual([]);
  });
}
