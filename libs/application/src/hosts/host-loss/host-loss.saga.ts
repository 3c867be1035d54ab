import { Injectable } from '@nestjs/common';
import { ICommand, ofType, Saga } from '@nestjs/cqrs';
import { HostDisconnected } from '@fsr/domain';
import { Observable, filter, map } from 'rxjs';
import { EventRecorded } from '../../common/event-recorded';
import { HandleHostLossCommand } from '../host.commands';

/** Every recorded disconnection of a host agent is followed by the handling of what it leaves behind. */
@Injectable()
export class HostLossSaga {
  @Saga()
  hostDisconnected = (events$: Observable<EventRecorded>): Observable<ICommand> =>
    events$.pipe(
      ofType(EventRecorded),
      filter(({ event }) => event.type === 'host.disconnected'),
      map(({ event }) => {
        const { hostId, agentInstanceId, reason } = event.data as HostDisconnected['data'];
        const context = { actor: 'system:host-loss', correlationId: event.metadata.correlationId, causationId: String(event.position) };
        return new HandleHostLossCommand(hostId, agentInstanceId, reason, context);
      }),
    );
}
