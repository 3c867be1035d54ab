import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@fsr/testing';
import { ControlPlaneProcess } from './control-plane-process';
import { eventually } from './eventually';

const { localHaproxyConfig } = require('../../../../scripts/local-haproxy') as {
  localHaproxyConfig: (ports: { port: number; httpsPort: number; replicas: number[]; httpsReplicas: number[] }) => string;
};

/**
 * Debian's HAProxy with the project's deploy/haproxy.cfg as `npm run haproxy` renders it for this machine:
 * `url` is its HTTP frontend; `tcpUrl` its TCP (HTTPS pass-through) frontend, led here to the replicas' HTTP ports.
 */
export async function startHaproxyInFrontOf(replicas: readonly ControlPlaneProcess[]) {
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const ports = replicas.map((replica) => replica.port);
  const config = localHaproxyConfig({ port: httpPort, httpsPort: tcpPort, replicas: ports, httpsReplicas: ports });
  const file = join(tmpdir(), `fsr-haproxy-${httpPort}.cfg`);
  await writeFile(file, config);
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${httpPort}`;
  await eventually(() => fetch(`${url}/health`).then((response) => response.status, () => 0), (status) => status === 200, { what: 'HAProxy to answer', timeoutMs: 15_000 });
  return {
    url,
    tcpUrl: `http://127.0.0.1:${tcpPort}`,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      await rm(file, { force: true });
    },
  };
}
