#!/usr/bin/env node
// `npm run cluster -- --hosts 3 [--control-planes 2] [--hosts-per-process K]`: the docker-compose topology as plain
// processes (control plane replicas + N host agents), supervised by `concurrently`; Ctrl-C (SIGINT) or SIGTERM stops
// them all, agents finishing their switch-overs first. Replica i listens on PORT+i and HTTPS_PORT+i. Up to ten hosts
// get a process each; more share processes (ten processes in all by default), each host keeping its own identity,
// heartbeats, queues and memory, the hosts of one process sharing its copy threads.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { concurrently } = require('concurrently');

const root = path.resolve(__dirname, '..');
const HEALTH_WAIT_MS = 120_000;
const RESTART_TRIES = 10;
const MAX_HOSTS = 1000;
const PROCESSES_BY_DEFAULT = 10;

function options() {
  const { values } = parseArgs({
    options: {
      hosts: { type: 'string', default: '3' },
      'control-planes': { type: 'string', default: '1' },
      'hosts-per-process': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run cluster -- [--hosts N] [--control-planes M] [--hosts-per-process K]\n' +
        '  N up to 1000; K defaults to 1 up to 10 hosts, else to N/10 rounded up (ten agent processes)\n' +
        '  M > 1 runs M control-plane replicas (PORT, PORT+1, ...) and needs DATABASE_URL (PostgreSQL)\n' +
        '  env: PORT, HTTPS_PORT, DATA_DIR, DATABASE_URL, REDIS_URL, QUEUE_PREFIX, API_KEYS, HOST_MEMORY_MIB, LEASE_TTL_MS, ...\n',
    );
    process.exit(0);
  }
  const hosts = wholeNumber('--hosts', values.hosts, MAX_HOSTS);
  const controlPlanes = wholeNumber('--control-planes', values['control-planes'], 8);
  if (controlPlanes > 1 && !process.env.DATABASE_URL) {
    process.stderr.write('--control-planes above 1 needs DATABASE_URL: replicas share one PostgreSQL (embedded PGlite serves one process)\n');
    process.exit(2);
  }
  const perProcess = values['hosts-per-process'] === undefined ? defaultHostsPerProcess(hosts) : wholeNumber('--hosts-per-process', values['hosts-per-process'], MAX_HOSTS);
  return { hosts, controlPlanes, perProcess };
}

const defaultHostsPerProcess = (hosts) => (hosts <= PROCESSES_BY_DEFAULT ? 1 : Math.ceil(hosts / PROCESSES_BY_DEFAULT));

function wholeNumber(flag, raw, max) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    process.stderr.write(`${flag} must be an integer from 1 to ${max}, got ${raw}\n`);
    process.exit(2);
  }
  return value;
}

function commands(hosts, perProcess, replicas, env) {
  const node = JSON.stringify(process.execPath);
  const controlPlanes = replicas.map(({ port, httpsPort }, index) => ({
    name: replicas.length === 1 ? 'control-plane' : `control-plane-${index + 1}`,
    command: `exec ${node} --initial-old-space-size=512 dist/apps/api/src/main.js`,
    env: { ...env, HOST_AGENTS: '0', PORT: String(port), HTTPS_PORT: String(httpsPort) },
    prefixColor: 'cyan',
  }));
  const { API_KEYS: _keys, DATABASE_URL: _database, ...agentEnv } = env;
  const agents = Array.from({ length: Math.ceil(hosts / perProcess) }, (_, index) => {
    const first = index * perProcess + 1;
    const last = Math.min(hosts, first + perProcess - 1);
    const names = Array.from({ length: last - first + 1 }, (_, i) => `host-${first + i}`);
    return {
      name: names.length === 1 ? names[0] : `hosts-${first}-${last}`,
      command: `exec ${node} dist/apps/host-agent/src/main.js`,
      env: { ...agentEnv, HOST_NAME: names[0], HOST_NAMES: names.join(',') },
      prefixColor: ['green', 'yellow', 'magenta', 'blue'][index % 4],
    };
  });
  return [...controlPlanes, ...agents];
}

async function waitUntilListening(base) {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline) {
    const answered = await fetch(`${base}/health`).then(() => true, () => false);
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function banner(base, httpsBase, env, hosts, replicas) {
  const keyFile = path.join(env.DATA_DIR, 'admin-api-key');
  const key = env.API_KEYS ? 'one of API_KEYS' : `${keyFile}${existsSync(keyFile) ? '' : ' (written on first start)'}`;
  const planes = replicas.length === 1 ? 'control plane' : `${replicas.length} control-plane replicas`;
  return [
    '',
    `FSR cluster up: ${planes} + ${hosts} host agent(s) (host-1..host-${hosts})`,
    ...(replicas.length > 1 ? replicas.map(({ port, httpsPort }, index) => `  replica ${index + 1}  http://127.0.0.1:${port}  https://127.0.0.1:${httpsPort}`) : []),
    `  API        ${base}/api/v1`,
    `  console    ${base}/console`,
    `  dashboard  ${base}/admin/queues`,
    `  API docs   ${base}/docs`,
    `  HTTPS      ${httpsBase}  (everything above, and the vSphere Automation API at ${httpsBase}/api and ${httpsBase}/rest)`,
    `  admin key  ${key}`,
    `  demo       npm run demo   (in another terminal)`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main() {
  const { hosts, controlPlanes, perProcess } = options();
  if (process.env.FSR_SKIP_BUILD !== '1') execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'inherit' });
  const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'pretty', ...process.env, DATA_DIR: path.resolve(process.env.DATA_DIR || 'data') };
  const port = Number(env.PORT || '3000');
  const httpsPort = Number(env.HTTPS_PORT || '3443');
  const replicas = Array.from({ length: controlPlanes }, (_, index) => ({ port: port + index, httpsPort: httpsPort + index }));
  const base = `http://127.0.0.1:${port}`;
  const httpsBase = `https://127.0.0.1:${httpsPort}`;
  const { result } = concurrently(commands(hosts, perProcess, replicas, env), {
    cwd: root,
    prefix: 'name',
    // A process that dies (kill -9 of an agent) is started again a second later, as a host's management agent
    // would be; only one that keeps dying stops the cluster.
    restartTries: RESTART_TRIES,
    restartDelay: 1000,
    killOthersOn: ['failure'],
    killSignal: 'SIGTERM',
  });
  Promise.all(replicas.map((replica) => waitUntilListening(`http://127.0.0.1:${replica.port}`))).then((up) => {
    if (up.every(Boolean)) process.stdout.write(banner(base, httpsBase, env, hosts, replicas));
  });
  const outcome = await result.then(
    () => 0,
    () => 1,
  );
  process.exit(outcome);
}

main().catch((error) => {
  process.stderr.write(`cluster: ${error.stack || error.message}\n`);
  process.exit(1);
});
