import { AppendContext, EventStore, StreamAppend } from '@fsr/application';
import { DomainEvent } from '@fsr/domain';

/** Appends batches of events to several streams the way command handlers do, tracking each stream's version. */
export class ScenarioWriter {
  private readonly versions = new Map<string, number>();
  private commands = 0;

  constructor(private readonly store: EventStore) {}

  /** One command: `[streamId, events]` pairs appended atomically. */
  async record(...parts: [string, DomainEvent[]][]): Promise<bigint> {
    const planned = new Map(this.versions);
    const appends: StreamAppend[] = parts.map(([streamId, events]) => {
      const expectedVersion = planned.get(streamId) ?? -1;
      planned.set(streamId, expectedVersion + events.length);
      return { streamId, expectedVersion, events };
    });
    this.commands += 1;
    const context: AppendContext = { correlationId: `command-${this.commands}`, causationId: null, actor: 'admin:test' };
    const recorded = await this.store.append(appends, context);
    for (const event of recorded) this.versions.set(event.streamId, event.streamVersion);
    return recorded[recorded.length - 1].position;
  }
}
