import { IEvent, ofType } from '@nestjs/cqrs';
import { AnyEventType, EventOfType, isEventOf, RecordedOf } from '@fsr/domain';
import { filter, map, Observable, OperatorFunction } from 'rxjs';
import { EventRecorded } from './event-recorded';

/** The recorded events of these types, typed by their type, from the EventBus's stream. */
export function eventsOf<T extends AnyEventType>(...types: readonly T[]): OperatorFunction<IEvent, RecordedOf<EventOfType<T>>> {
  return (events$: Observable<IEvent>) =>
    events$.pipe(
      ofType(EventRecorded),
      map(({ event }) => event),
      filter((event): event is RecordedOf<EventOfType<T>> => isEventOf(event, ...types)),
    );
}
