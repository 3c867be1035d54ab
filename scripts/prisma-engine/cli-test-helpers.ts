// Helpers for schema-engine.int-spec.ts: run the real Prisma CLI through the wrapper, manage test databases.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

export const root = path.resolve(__dirname, '..', '..');
const wrapper = path.join(__dirname, 'prisma.js');
const server = 'postgresql://postgres@127.0.0.1:5432';
export const CLI_TIMEOUT = 30_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real Prisma CLI through the wrapper, as `npm run db:migrate:*` does. */
export function prisma(args: string[], databaseUrl: string, cwd = root): Promise<CliRun> {
  // CI=1 as in CI, where the CLI must not wait for a prompt.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, CI: '1' };
  delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  return new Promise((resolve) => {
    execFile(process.execPath, [wrapper, ...args], { cwd, env, timeout: CLI_TIMEOUT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function admin<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new Client({ connectionString: `${server}/${database}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function freshDatabaseName(): string {
  return `prisma_engine_test_${randomUUID().replaceAll('-', '')}`;
}

export async function createDatabase(name: string): Promise<string> {
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return `${server}/${name}`;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
