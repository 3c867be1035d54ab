import { randomUUID } from 'node:crypto';
import { DomainEvent } from '@fsr/domain';
import { AppendContext, EventStore } from '@fsr/application';
import { ManualClock } from './manual-clock';

export interface EventStoreFixture {
  readonly store: EventStore;
  close?(): Promise<void>;
}

/** Returns an empty store whose events occur at `clock()`. Called before each test. */
export type EventStoreFactory = (clock: () => Date) => Promise<EventStoreFixture>;

export interface ContractWorld {
  readonly store: EventStore;
  readonly clock: ManualClock;
}

export const context: AppendContext = { correlationId: 'corr-1', causationId: 'cause-1', actor: 'user:alice' };
export const event = (type: string, data: object = {}): DomainEvent => ({ type, data });
export const newId = () => randomUUID();
/** The contract is the store's, not the domain's: its made-up events are read back as they were written. */
export const asWritten = (_streamId: string, _version: number, _type: string, data: unknown): object => (typeof data === 'object' && data !== null ? data : {});
