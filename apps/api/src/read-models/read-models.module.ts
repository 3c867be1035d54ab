import { Module } from '@nestjs/common';
import { EVENT_STORE } from '@fsr/application';
import { DatastoreQueries, HistoryQueries, HostQueries, OperationQueries, Projector, VmQueries } from '@fsr/infrastructure';
import { RebuildProjectionsController } from './admin/rebuild-projections.controller';
import { DatastoresController } from './datastores/datastores.controller';
import { EventStreamHub } from './events/event-stream-hub';
import { EventsController } from './events/events.controller';
import { HistoryController } from './history/history.controller';
import { HostsController } from './hosts/hosts.controller';
import { OperationsController } from './operations/operations.controller';
import { ProjectOnEventRecorded } from './projection/project-on-event-recorded.handler';
import { ProjectorStartup } from './projection/projector-startup';
import { eventStoreProvider, readModelProviders } from './read-model.providers';
import { VmsController } from './vms/vms.controller';

/**
 * The read side: the Projector (kept up to date by EventRecorded), the queries and the GET endpoints.
 * Needs PRISMA (DatabaseModule) and the CQRS EventBus (CqrsModule.forRoot) from the application module.
 */
@Module({
  controllers: [
    HostsController,
    DatastoresController,
    VmsController,
    OperationsController,
    HistoryController,
    EventsController,
    RebuildProjectionsController,
  ],
  providers: [eventStoreProvider, ...readModelProviders, ProjectOnEventRecorded, ProjectorStartup, EventStreamHub],
  exports: [EVENT_STORE, Projector, HostQueries, DatastoreQueries, VmQueries, OperationQueries, HistoryQueries],
})
export class ReadModelsModule {}
