import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, RecordedEvent } from '@fsr/domain';
import { EventBus } from '@nestjs/cqrs';
import { AppendContext, EVENT_STORE, EventStore, StreamAppend } from '../ports/event-store.port';
import { EventRecorded } from './event-recorded';

export interface Loaded<State> {
  readonly state: State;
  /** Version of the stream's last event, -1 when the stream does not exist. */
  readonly version: number;
}

type Evolving<State> = Pick<Decider<State, never, DomainEvent>, 'initialState' | 'evolve'>;

/** Loads aggregates by folding their streams, appends decisions and publishes what was recorded. */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  async load<State>(decider: Evolving<State>, streamId: string): Promise<Loaded<State>> {
    const recorded = await this.events.readStream(streamId);
    const state = recorded.reduce<State>(
      (current, event) => decider.evolve(current, { type: event.type, data: event.data }),
      decider.initialState,
    );
    return { state, version: recorded.length === 0 ? -1 : recorded[recorded.length - 1].streamVersion };
  }

  async append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]> {
    const nonEmpty = appends.filter((append) => append.events.length > 0);
    if (nonEmpty.length === 0) return [];
    const recorded = await this.events.append(nonEmpty, context);
    this.eventBus.publishAll(recorded.map((event) => new EventRecorded(event)));
    return recorded;
  }
}

export const lastPosition = (recorded: readonly RecordedEvent[]): bigint | null =>
  recorded.length === 0 ? null : recorded[recorded.length - 1].position;
