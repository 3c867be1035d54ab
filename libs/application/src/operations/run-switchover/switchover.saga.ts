import { Injectable } from '@nestjs/common';
import { ICommand, ofType, Saga } from '@nestjs/cqrs';
import { OperationRequested } from '@fsr/domain';
import { Observable, filter, map } from 'rxjs';
import { EventRecorded } from '../../common/event-recorded';
import { RunSwitchoverCommand } from '../operation.commands';

/** Every requested operation gets run; the run itself records how it ended. */
@Injectable()
export class SwitchoverSaga {
  @Saga()
  operationRequested = (events$: Observable<EventRecorded>): Observable<ICommand> =>
    events$.pipe(
      ofType(EventRecorded),
      filter(({ event }) => event.type === 'operation.requested'),
      map(({ event }) => {
        const data = event.data as OperationRequested['data'];
        return new RunSwitchoverCommand(
          data.operationId,
          { actor: 'system:fsr-saga', correlationId: event.metadata.correlationId, causationId: String(event.position) },
          data.faultInjection,
        );
      }),
    );
}
