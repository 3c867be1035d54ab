import { DomainEvent } from '@fsr/domain';
import { InMemoryEventStore } from '@fsr/infrastructure';
import { EventStreamSession, SseSink } from './event-stream-session';

const context = { correlationId: 'c', causationId: null, actor: 'test' };
const created = (id: string): DomainEvent => ({
  type: 'datastore.created',
  data: { datastoreId: id, name: id, capacityGiB: 1, path: `/ds/${id}` },
});

class RecordingSink implements SseSink {
  readonly chunks: string[] = [];
  ended = false;
  write(chunk: string): void {
    this.chunks.push(chunk);
  }
  end(): void {
    this.ended = true;
  }
  get ids(): string[] {
    return this.chunks.join('').match(/^id: \d+$/gm)?.map((line) => line.slice(4)) ?? [];
  }
}

describe('event stream session', () => {
  it('sends what was recorded after its start position, in order, each event once', async () => {
    const store = new InMemoryEventStore();
    for (const id of ['a', 'b', 'c']) await store.append([{ streamId: `datastore-${id}`, expectedVersion: -1, events: [created(id)] }], context);
    const sink = new RecordingSink();
    const session = new EventStreamSession(store, sink, 1n);
    await session.pump();
    await store.append([{ streamId: 'datastore-d', expectedVersion: -1, events: [created('d')] }], context);
    await Promise.all([session.pump(), session.pump(), session.pump()]);
    await session.pump();
    expect(sink.ids).toEqual(['2', '3', '4']);
    expect(session.lastSentPosition).toBe(4n);
    const data = JSON.parse(/^data: (.*)$/m.exec(sink.chunks[0])![1]);
    expect(data).toMatchObject({ position: 2, streamId: 'datastore-b', type: 'datastore.created', data: { name: 'b' } });
  });

  it('writes keep-alive comments and stops writing once closed', async () => {
    const store = new InMemoryEventStore();
    const sink = new RecordingSink();
    const session = new EventStreamSession(store, sink, 0n);
    session.keepAlive();
    session.close();
    await store.append([{ streamId: 'datastore-a', expectedVersion: -1, events: [created('a')] }], context);
    await session.pump();
    session.keepAlive();
    expect(sink.chunks).toEqual([': keep-alive\n\n']);
    expect(sink.ended).toBe(true);
  });
});
