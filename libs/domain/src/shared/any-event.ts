import { DatastoreEvent } from '../datastore/datastore.events';
import { HostEvent } from '../host/host.events';
import { OperationEvent } from '../operation/operation.events';
import { VmNameEvent } from '../vm/vm-name.events';
import { VmEvent } from '../vm/vm.events';
import { DomainEvent, RecordedEvent } from './event';

/** Every event the log holds. */
export type AnyDomainEvent = HostEvent | DatastoreEvent | VmEvent | VmNameEvent | OperationEvent;
export type AnyEventType = AnyDomainEvent['type'];
export type EventOfType<T extends AnyEventType> = Extract<AnyDomainEvent, { readonly type: T }>;
/** A recorded event of one of the types of E, as a union a switch on `type` narrows. */
export type RecordedOf<E extends DomainEvent> = E extends DomainEvent ? RecordedEvent<E> : never;

/**
 * Narrows a recorded event by its type. Sound because the event store checks every event it reads
 * against its type's schema (event-registry), so the type string says what the data is.
 */
export function isEventOf<T extends AnyEventType>(event: RecordedEvent, ...types: readonly T[]): event is RecordedOf<EventOfType<T>> {
  return (types as readonly string[]).includes(event.type);
}
