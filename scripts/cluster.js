#!/usr/bin/env node
// `npm run cluster -- --hosts 3`: the docker-compose topology as plain processes (control plane + N host agents),
// supervised by `concurrently`; Ctrl-C (SIGINT) or SIGTERM stops them all, agents finishing their switch-overs first.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { concurrently } = require('concurrently');

const root = path.resolve(__dirname, '..');
const HEALTH_WAIT_MS = 120_000;

function options() {
  const { values } = parseArgs({ options: { hosts: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('usage: npm run cluster -- [--hosts N]\n  env: PORT, DATA_DIR, DATABASE_URL, REDIS_URL, QUEUE_PREFIX, API_KEYS, HOST_MEMORY_MIB, ...\n');
    process.exit(0);
  }
  const hosts = Number(values.hosts);
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > 64) {
    process.stderr.write(`--hosts must be an integer from 1 to 64, got ${values.hosts}\n`);
    process.exit(2);
  }
  return { hosts };
}

function commands(hosts, env) {
  const node = JSON.stringify(process.execPath);
  const controlPlane = {
    name: 'control-plane',
    command: `exec ${node} dist/apps/api/src/main.js`,
    env: { ...env, HOST_AGENTS: '0' },
    prefixColor: 'cyan',
  };
  const { API_KEYS: _keys, DATABASE_URL: _database, ...agentEnv } = env;
  const agents = Array.from({ length: hosts }, (_, index) => ({
    name: `host-${index + 1}`,
    command: `exec ${node} dist/apps/host-agent/src/main.js`,
    env: { ...agentEnv, HOST_NAME: `host-${index + 1}` },
    prefixColor: ['green', 'yellow', 'magenta', 'blue'][index % 4],
  }));
  return [controlPlane, ...agents];
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

function banner(base, env, hosts) {
  const keyFile = path.join(env.DATA_DIR, 'admin-api-key');
  const key = env.API_KEYS ? 'one of API_KEYS' : `${keyFile}${existsSync(keyFile) ? '' : ' (written on first start)'}`;
  return [
    '',
    `FSR cluster up: control plane + ${hosts} host agent(s) (host-1..host-${hosts})`,
    `  API        ${base}/api/v1`,
    `  console    ${base}/console`,
    `  dashboard  ${base}/admin/queues`,
    `  API docs   ${base}/docs`,
    `  admin key  ${key}`,
    `  demo       npm run demo   (in another terminal)`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main() {
  const { hosts } = options();
  if (process.env.FSR_SKIP_BUILD !== '1') execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'inherit' });
  const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'pretty', ...process.env, DATA_DIR: path.resolve(process.env.DATA_DIR || 'data') };
  const port = env.PORT || '3000';
  const base = `http://127.0.0.1:${port}`;
  const { result } = concurrently(commands(hosts, env), {
    cwd: root,
    prefix: 'name',
    killOthersOn: ['failure'],
    killSignal: 'SIGTERM',
  });
  waitUntilListening(base).then((up) => {
    if (up) process.stdout.write(banner(base, env, hosts));
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
