import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the control plane is and the key to it: flags, then FSR_API_URL / FSR_API_KEY, then the local defaults. */
export interface Connection {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export class CliError extends Error {}

export function resolveConnection(flags: { url?: string; key?: string }, env: NodeJS.ProcessEnv = process.env): Connection {
  const baseUrl = (flags.url ?? env.FSR_API_URL ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, '');
  const apiKey = flags.key ?? env.FSR_API_KEY ?? keyOfDataDir(resolve(env.DATA_DIR || 'data'));
  return { baseUrl, apiKey };
}

function keyOfDataDir(dataDir: string): string {
  const file = join(dataDir, 'admin-api-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new CliError(`no API key: pass --key or set FSR_API_KEY (or run where ${file} exists)`);
  }
}
