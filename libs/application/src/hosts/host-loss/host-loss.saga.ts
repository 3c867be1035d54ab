import { Injectable } from '@nestjs/common';
import { ICommand, Saga } from '@nestjs/cqrs';
import { Observable, map } from 'rxjs';
import { EventRecorded } from '../../common/event-recorded';
import { eventsOf } from '../../common/events-of';
import { HandleHostLossCommand } from '../host.commands';

/** Every recorded disconnection of a host agent is followed by the handling of what it leaves behind. */
@Injectable()
export class HostLossSaga {
  @Saga()
  hostDisconnected = (events$: Observable<EventRecorded>): Observable<ICommand> =>
    events$.pipe(
      eventsOf('host.disconnected'),
      map((event) => {
        const { hostId, agentInstanceId } = event.data;
        const context = { actor: 'system:host-loss', correlationId: event.metadata.correlationId, causationId: String(event.position) };
        return new HandleHostLossCommand(hostId, agentInstanceId, context);
      }),
    );
}
