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
  ReadModelCache,
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
  { provide: ReadModelCache, inject: [DATABASE], useFactory: ({ readModelsVersion }: Database) => new ReadModelCache(readModelsVersion) },
  { provide: HostQueries, inject: [PRISMA, ReadModelCache], useFactory: (prisma: PrismaClient, cache: ReadModelCache) => new HostQueries(prisma, cache) },
  {
    provide: DatastoreQueries,
    inject: [PRISMA, ReadModelCache],
    useFactory: (prisma: PrismaClient, cache: ReadModelCache) => new DatastoreQueries(prisma, cache),
  },
  {
    provide: OperationQueries,
    inject: [PRISMA, ReadModelCache],
    useFactory: (prisma: PrismaClient, cache: ReadModelCache) => new OperationQueries(prisma, cache),
  },
  {
    provide: VmQueries,
    inject: [PRISMA, EVENT_STORE, ReadModelCache],
    useFactory: (prisma: PrismaClient, events: EventStore, cache: ReadModelCache) => new VmQueries(prisma, events, cache),
  },
  { provide: HistoryQueries, inject: [EVENT_STORE], useFactory: (events: EventStore) => new HistoryQueries(events) },
];
