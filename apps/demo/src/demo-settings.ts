import { parseArgs } from 'node:util';
// The same resolution as fsrctl's: flags, then FSR_API_URL / FSR_API_KEY, then the local cluster's defaults.
import { CliError, Connection, resolveConnection } from '../../cli/src/connection';

export type DemoSettings = Connection;

export class DemoSettingsError extends Error {}

export const DEMO_USAGE = `usage: npm run demo -- [--url URL] [--key KEY]
  --url  the control plane (FSR_API_URL; default http://127.0.0.1:$PORT, PORT 3000)
  --key  an operator or admin API key (FSR_API_KEY; default the key in DATA_DIR/admin-api-key)
Creates two datastores and three VMs across the connected hosts, hot-adds in both modes, relocates one VM,
and prints predicted against measured stun. Start the cluster first: npm run cluster -- --hosts 3`;

/** Asked for usage: print it and stop, without running anything. */
export class DemoHelpRequested extends Error {}

/** `--url`/FSR_API_URL (default the local cluster's port) and `--key`/FSR_API_KEY (default DATA_DIR/admin-api-key). */
export function loadDemoSettings(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): DemoSettings {
  let values: { url?: string; key?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { url: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new DemoSettingsError(`${(error as Error).message}\n${DEMO_USAGE}`);
  }
  if (values.help) throw new DemoHelpRequested(DEMO_USAGE);
  try {
    return resolveConnection(values, env);
  } catch (error) {
    if (error instanceof CliError) throw new DemoSettingsError(error.message);
    throw error;
  }
}
