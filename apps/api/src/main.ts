import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadAppConfig } from './config/app-config';
import { StartupError } from './config/startup-error';
import { createApp } from './create-app';
import { HostAgentLauncher } from './launcher/host-agent-launcher';

export { createApp } from './create-app';

function announceUrls(config: AppConfig): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${config.port}`;
  new Logger('Main').log(
    `FSR control plane listening on ${config.host}:${config.port}: API ${base}/api/v1, docs ${base}/docs, ` +
      `console ${base}/console, queues ${base}/admin/queues, sign in ${base}/login`,
  );
}

/** Stops the agents first (they talk to this process through Redis), then the application. */
function stopOnSignals(app: NestExpressApplication, launcher: HostAgentLauncher | undefined): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    new Logger('Main').log(`${signal}: stopping`);
    await launcher?.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}

export async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  announceUrls(config);
  const launcher = config.hostAgents > 0 ? HostAgentLauncher.forConfig(config) : undefined;
  stopOnSignals(app, launcher);
  launcher?.start();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StartupError;
    process.stderr.write(`\nfsr-control-plane cannot start: ${known ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
