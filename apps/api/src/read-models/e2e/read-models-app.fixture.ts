import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@fsr/application';
import { Projector } from '@fsr/infrastructure';
import { createEmptyTestPostgresDatabase, EmptyTestPostgresDatabase } from '@fsr/testing';
import { playScenario } from '../../../../../libs/infrastructure/src/projections/projection-scenario.fixture';
import { ScenarioWriter } from '../../../../../libs/infrastructure/src/projections/scenario-writer.fixture';
import { loadAppConfig } from '../../config/app-config';
import { createApp } from '../../create-app';

export const KEYS = { viewer: 'viewer-key-for-read-models-01', admin: 'admin-key-for-read-models-001' };
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export interface ReadModelsApp {
  readonly app: NestExpressApplication;
  readonly store: EventStore;
  readonly projector: Projector;
  readonly writer: ScenarioWriter;
  readonly baseUrl: string;
  close(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole control plane on a fresh PostgreSQL database, listening, with the projection scenario recorded. */
export async function startReadModelsApp(): Promise<ReadModelsApp> {
  const database: EmptyTestPostgresDatabase = await createEmptyTestPostgresDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'fsr-read-models-e2e-'));
  const config = loadAppConfig({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    QUEUE_PREFIX: `test-${randomUUID()}`,
    API_KEYS: `viewer:${KEYS.viewer},admin:${KEYS.admin}`,
    HOST_AGENTS: '0',
    HEARTBEAT_TIMEOUT_MS: '3600000',
    // The recovery sweep runs every fifth of a lease: it would take up the scenario's unfinished operations mid-scenario.
    LEASE_TTL_MS: '3600000',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const store = app.get<EventStore>(EVENT_STORE);
  const projector = app.get(Projector);
  const writer = new ScenarioWriter(store);
  // A pause between commands gives every command its own timestamp, for the `?at=` checks.
  await playScenario(writer, async () => {
    await projector.catchUp();
    await pause(3);
  });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    store,
    projector,
    writer,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
