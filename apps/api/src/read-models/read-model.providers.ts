import { Logger, Provider } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@fsr/application';
import {
  DatastoreQueries,
  HistoryQueries,
  HostQueries,
  OperationQueries,
  Database,
  PrismaEventStore,
  Projector,
  VmQueries,
} from '@fsr/infrastructure';
import { DATABASE, PRISMA } from '../infrastructure/tokens';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { TimedEventStore } from '../metrics/timed-event-store';

type PrismaClient = Database['prisma'];

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [PRISMA, MetricsRegistry],
  useFactory: (prisma: PrismaClient, metrics: MetricsRegistry) => new TimedEventStore(new PrismaEventStore(prisma), metrics),
};

export const readModelProviders: Provider[] = [
  {
    provide: Projector,
    inject: [DATABASE, EVENT_STORE],
    useFactory: ({ prisma, kind }: Database, events: EventStore) =>
      new Projector(prisma, events, { logger: new Logger('Projector'), atomicRebuild: kind === 'postgres' }),
  },
  { provide: HostQueries, inject: [PRISMA], useFactory: (prisma: PrismaClient) => new HostQueries(prisma) },
  { provide: DatastoreQueries, inject: [PRISMA], useFactory: (prisma: PrismaClient) => new DatastoreQueries(prisma) },
  { provide: OperationQueries, inject: [PRISMA], useFactory: (prisma: PrismaClient) => new OperationQueries(prisma) },
  {
    provide: VmQueries,
    inject: [PRISMA, EVENT_STORE],
    useFactory: (prisma: PrismaClient, events: EventStore) => new VmQueries(prisma, events),
  },
  { provide: HistoryQueries, inject: [EVENT_STORE], useFactory: (events: EventStore) => new HistoryQueries(events) },
];
