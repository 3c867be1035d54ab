import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { STREAM_SNAPSHOTS, WORK_LEASES } from '@fsr/application';
import { Database, newReplicaId, openDatabase, PrismaStreamSnapshots, PrismaWorkLeases } from '@fsr/infrastructure';
import { AppConfig } from '../config/app-config';
import { redactUrl, StartupError } from '../config/startup-error';
import { ReplicaPresence } from './replica-presence';
import { APP_CONFIG, DATABASE, PRISMA, REPLICA_ID } from './tokens';

const leaseLogger = new Logger('WorkLeases');

async function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  const logger = new Logger('Database');
  try {
    return await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      leaseTtlMs: config.leaseTtlMs,
      log: (message) => logger.log(message),
    });
  } catch (error) {
    const target = config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `the embedded PGlite database in ${config.dataDir}`;
    throw new StartupError(`Cannot open ${target}: ${(error as Error).message}`, { cause: error });
  }
}

/** Opens (and migrates) the database once; PRISMA is its client. Closed when the application shuts down. */
@Global()
@Module({
  providers: [
    { provide: DATABASE, inject: [APP_CONFIG], useFactory: openConfiguredDatabase },
    { provide: PRISMA, inject: [DATABASE], useFactory: (database: Database) => database.prisma },
    { provide: REPLICA_ID, useFactory: newReplicaId },
    {
      provide: WORK_LEASES,
      inject: [DATABASE, REPLICA_ID, APP_CONFIG],
      useFactory: (database: Database, holder: string, config: AppConfig) =>
        new PrismaWorkLeases(database.prisma, { holder, ttlMs: config.leaseTtlMs, log: (message) => leaseLogger.warn(message) }),
    },
    { provide: STREAM_SNAPSHOTS, inject: [PRISMA], useFactory: (prisma: Database['prisma']) => new PrismaStreamSnapshots(prisma) },
    ReplicaPresence,
  ],
  exports: [DATABASE, PRISMA, REPLICA_ID, WORK_LEASES, STREAM_SNAPSHOTS, ReplicaPresence],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
