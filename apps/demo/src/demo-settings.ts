import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface DemoSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export class DemoSettingsError extends Error {}

/** `--url`/FSR_API_URL (default the local cluster's port) and `--key`/FSR_API_KEY (default DATA_DIR/admin-api-key). */
export function loadDemoSettings(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): DemoSettings {
  const { values } = parseArgs({ args: argv, options: { url: { type: 'string' }, key: { type: 'string' } } });
  const baseUrl = (values.url ?? env.FSR_API_URL ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, '');
  const apiKey = values.key ?? env.FSR_API_KEY ?? readKeyFile(resolve(env.DATA_DIR || 'data'));
  return { baseUrl, apiKey };
}

function readKeyFile(dataDir: string): string {
  const file = join(dataDir, 'admin-api-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new DemoSettingsError(`no API key: pass --key or FSR_API_KEY, or start the cluster so that ${file} exists`);
  }
}
