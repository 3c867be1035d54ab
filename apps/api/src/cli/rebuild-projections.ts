#!/usr/bin/env node
// `npm run projections:rebuild`: empties the read models and replays the event log into them, on the database
// the control plane uses (DATABASE_URL, else the embedded PGlite under DATA_DIR). With PGlite, stop the app first:
// the embedded database serves one process at a time.
import { openDatabase, PrismaEventStore, Projector } from '@fsr/infrastructure';
import { loadAppConfig } from '../config/app-config';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (message) => console.error(message),
  });
  try {
    const projector = new Projector(database.prisma, new PrismaEventStore(database.prisma), {
      logger: { error: (message, trace) => console.error(message, trace ?? '') },
      atomicRebuild: database.kind === 'postgres',
    });
    const result = await projector.rebuild();
    const summary = { rebuiltEvents: result.rebuiltEvents, position: Number(result.position), tookMs: result.tookMs };
    console.log(JSON.stringify(summary));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
