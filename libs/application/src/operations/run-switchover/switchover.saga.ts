import { Injectable } from '@nestjs/common';
import { ICommand, Saga } from '@nestjs/cqrs';
import { Observable, map } from 'rxjs';
import { EventRecorded } from '../../common/event-recorded';
import { eventsOf } from '../../common/events-of';
import { RunSwitchoverCommand } from '../operation.commands';

/** Every requested operation gets run; the run itself records how it ended. */
@Injectable()
export class SwitchoverSaga {
  @Saga()
  operationRequested = (events$: Observable<EventRecorded>): Observable<ICommand> =>
    events$.pipe(
      eventsOf('operation.requested'),
      map((event) => new RunSwitchoverCommand(event.data.operationId, { actor: 'system:fsr-saga', correlationId: event.metadata.correlationId, causationId: String(event.position) })),
    );
}
