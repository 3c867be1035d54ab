import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadAppConfig } from './config/app-config';
import { StartupError } from './config/startup-error';
import { createApp } from './create-app';
import { HostAgentLauncher } from './launcher/host-agent-launcher';
import { takeGeneratedKeyNotice } from './http/auth/api-key-registry.provider';
import { HttpsListener, listenHttps } from './http/tls/https-listener';

export { createApp } from './create-app';

function announceUrls(config: AppConfig, https: HttpsListener): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const hostPart = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
  const base = `http://${hostPart}:${config.port}`;
  new Logger('Main').log(
    `FSR control plane listening on ${config.host}:${config.port}: API ${base}/api/v1, docs ${base}/docs, ` +
      `console ${base}/console, queues ${base}/admin/queues, sign in ${base}/login; ` +
      `HTTPS https://${hostPart}:${https.port} (vSphere API /api and /rest, certificate ${https.certPath})`,
  );
}

/** Stops the agents first (they talk to this process through Redis), then the application. */
function stopOnSignals(app: NestExpressApplication, https: HttpsListener, launcher: HostAgentLauncher | undefined): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    new Logger('Main').log(`${signal}: stopping`);
    await launcher?.stop();
    await https.close();
    await app.close();
    process.exit(0);
  };
  // on, not once: Ctrl-C reaches the whole process group and `npm run cluster` forwards it again; the second must not kill.
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

export async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApp(config);
  // HTTPS first: once /health answers over HTTP, both listeners are up.
  const https = await listenHttps(app, { ...config, port: config.httpsPort });
  await app.listen(config.port, config.host);
  announceUrls(config, https);
  const keyNotice = takeGeneratedKeyNotice();
  if (keyNotice) process.stdout.write(keyNotice);
  const launcher = config.hostAgents > 0 ? HostAgentLauncher.forConfig(config) : undefined;
  stopOnSignals(app, https, launcher);
  launcher?.start();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StartupError;
    process.stderr.write(`\nfsr-control-plane cannot start: ${known ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
