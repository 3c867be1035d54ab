#!/usr/bin/env node
// `npm run haproxy -- --replicas 3000,3001 --https-replicas 3443,3444 [--port 8080] [--https-port 8443]`:
// deploy/haproxy.cfg (what docker-compose.yml runs) in front of replicas on this machine, without Docker.
const { spawn } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const TEMPLATE = path.join(__dirname, '..', 'deploy', 'haproxy.cfg');

/** The compose file's HAProxy configuration with its Docker addresses replaced by local ports. */
function localHaproxyConfig({ port, httpsPort, replicas, httpsReplicas }) {
  let config = readFileSync(TEMPLATE, 'utf8').replace('bind :3000', `bind 127.0.0.1:${port}`).replace('bind :3443', `bind 127.0.0.1:${httpsPort}`);
  replicas.forEach((replicaPort, index) => {
    config = config
      .replaceAll(`control-plane-${index + 1}:3000`, `127.0.0.1:${replicaPort}`)
      .replaceAll(`control-plane-${index + 1}:3443 port 3000`, `127.0.0.1:${httpsReplicas[index]} port ${replicaPort}`);
  });
  return config;
}

function main() {
  const { values } = parseArgs({
    options: { replicas: { type: 'string' }, 'https-replicas': { type: 'string' }, port: { type: 'string', default: '8080' }, 'https-port': { type: 'string', default: '8443' } },
  });
  const ports = (raw) => (raw ?? '').split(',').filter(Boolean).map(Number);
  const replicas = ports(values.replicas);
  const httpsReplicas = ports(values['https-replicas']);
  if (replicas.length !== 2 || httpsReplicas.length !== 2 || [...replicas, ...httpsReplicas].some((p) => !Number.isInteger(p))) {
    process.stderr.write('usage: npm run haproxy -- --replicas 3000,3001 --https-replicas 3443,3444 [--port 8080] [--https-port 8443]\n');
    process.exit(2);
  }
  const file = path.join(tmpdir(), `fsr-haproxy-${process.pid}.cfg`);
  writeFileSync(file, localHaproxyConfig({ port: Number(values.port), httpsPort: Number(values['https-port']), replicas, httpsReplicas }));
  process.stdout.write(`HAProxy on http://127.0.0.1:${values.port} and https://127.0.0.1:${values['https-port']} (config ${file})\n`);
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: 'inherit' });
  child.on('error', (error) => {
    process.stderr.write(`cannot run haproxy (apt-get install haproxy): ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (require.main === module) main();
module.exports = { localHaproxyConfig };
