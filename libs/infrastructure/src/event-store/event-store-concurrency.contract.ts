import { ConcurrencyError } from '@fsr/application';
import { context, ContractWorld, event, newId } from './contract-fixtures';

/** Expected versions under concurrent and multi-stream appends. */
export function describeEventStoreConcurrencyContract(world: ContractWorld): void {
  it('lets exactly one of several concurrent appends at the same expected version win', async () => {
    const streamId = `vm-${newId()}`;
    const attempts = await Promise.allSettled(
      ['first', 'second', 'third'].map((type) => world.store.append([{ streamId, expectedVersion: -1, events: [event(type)] }], context)),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const lost = attempts.flatMap((attempt): unknown[] => (attempt.status === 'rejected' ? [attempt.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    lost.forEach((reason) => expect(reason).toBeInstanceOf(ConcurrencyError));
    expect(await world.store.readStream(streamId)).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
  });

  it('writes a multi-stream batch atomically: one wrong expected version and nothing is written', async () => {
    const [vm, host] = [`vm-${newId()}`, `host-${newId()}`];
    await world.store.append([{ streamId: host, expectedVersion: -1, events: [event('host.registered')] }], context);
    const before = await world.store.lastPosition();
    const batch = world.store.append(
      [
        { streamId: vm, expectedVersion: -1, events: [event('vm.created')] },
        { streamId: host, expectedVersion: 5, events: [event('host.changed')] },
      ],
      context,
    );
    await expect(batch).rejects.toMatchObject({ streamId: host, expectedVersion: 5, actualVersion: 0 });
    expect(await world.store.readStream(vm)).toEqual([]);
    expect(await world.store.lastPosition()).toBe(before);
  });

  it('writes a valid multi-stream batch in order, with one position per event', async () => {
    const [vm, host] = [`vm-${newId()}`, `host-${newId()}`];
    const recorded = await world.store.append(
      [
        { streamId: vm, expectedVersion: -1, events: [event('vm.created'), event('vm.moved')] },
        { streamId: host, expectedVersion: -1, events: [event('host.registered')] },
      ],
      context,
    );
    expect(recorded.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual([`${vm}@0`, `${vm}@1`, `${host}@0`]);
    expect(await world.store.readAll(recorded[0].position - 1n, 10)).toEqual(recorded);
  });

  it('gives concurrent appends to different streams distinct, increasing positions', async () => {
    const streams = Array.from({ length: 8 }, () => `vm-${newId()}`);
    const start = await world.store.lastPosition();
    const recorded = (
      await Promise.all(streams.map((streamId) => world.store.append([{ streamId, expectedVersion: -1, events: [event('x')] }], context)))
    ).flat();
    const log = await world.store.readAll(start, 100);
    expect(log).toHaveLength(8);
    expect([...log].sort((a, b) => Number(a.position - b.position))).toEqual(log);
    expect(new Set(log.map((e) => e.streamId))).toEqual(new Set(streams));
    expect(new Set(recorded.map((e) => e.position))).toEqual(new Set(log.map((e) => e.position)));
  });
}
