import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../config/app-config';
import { HostAgentLauncher, hostAgentSpecs } from './host-agent-launcher';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('HostAgentLauncher', () => {
  let dir: string;
  let entry: string;
  const lines: string[] = [];
  let launcher: HostAgentLauncher | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsr-launcher-'));
    entry = join(dir, 'fake-host-agent.js');
    // Says goodbye on SIGTERM, prints its host name and whether it saw secrets, then runs until told to stop.
    await writeFile(
      entry,
      `process.on('SIGTERM', () => { console.log('bye ' + process.env.HOST_NAME); process.exit(0); });
       console.log('up ' + process.env.HOST_NAME + ' keys=' + (process.env.API_KEYS ?? 'none') + ' prefix=' + process.env.QUEUE_PREFIX);
       setInterval(() => {}, 1000);`,
    );
    lines.length = 0;
  });

  afterEach(async () => {
    await launcher?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const config = (hostAgents: number) =>
    loadAppConfig({ HOST_AGENTS: String(hostAgents), QUEUE_PREFIX: 'launcher-test', DATA_DIR: dir });

  it('names each agent host-N, one host each even under an inherited HOST_NAMES, and runs node on the host-agent entry', () => {
    process.env.HOST_NAMES = 'host-1,host-2';
    const specs = hostAgentSpecs(config(2));
    delete process.env.HOST_NAMES;
    expect(specs.map((spec) => [spec.env.HOST_NAME, spec.env.HOST_NAMES])).toEqual([['host-1', ''], ['host-2', '']]);
    expect(specs[0].command).toBe(process.execPath);
    expect(specs[0].args.join(' ')).toMatch(/host-agent\/src\/main\.js$/);
    expect(specs[0].env).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'launcher-test', DATA_DIR: dir });
  });

  it('forwards prefixed output, keeps API keys from agents, restarts a crashed agent and stops them all', async () => {
    process.env.API_KEYS = 'admin:secret-secret-secret';
    try {
      launcher = new HostAgentLauncher(hostAgentSpecs(config(2), entry), {
        firstRestartDelayMs: 50,
        write: (_stream, line) => lines.push(line),
        onEvent: (message) => lines.push(`event: ${message}`),
      });
      launcher.start();
    } finally {
      delete process.env.API_KEYS;
    }
    await until(() => (lines.filter((line) => line.includes('up ')).length === 2 ? true : undefined), 'both agents');
    expect(lines).toContain('[host-1] up host-1 keys=none prefix=launcher-test');
    expect(lines).toContain('[host-2] up host-2 keys=none prefix=launcher-test');

    const [firstPid, secondPid] = launcher.pids as number[];
    process.kill(firstPid, 'SIGKILL');
    const restartedPid = await until(() => {
      const pid = launcher?.pids[0];
      return pid !== undefined && pid !== firstPid ? pid : undefined;
    }, 'a restarted host-1');
    expect(lines.some((line) => /event: host-1 exited \(SIGKILL\); restarting in 50 ms/.test(line))).toBe(true);
    expect(launcher.pids[1]).toBe(secondPid);
    const host1Starts = () => lines.filter((line) => line.startsWith('[host-1] up')).length;
    await until(() => (host1Starts() === 2 ? true : undefined), 'the restarted host-1 to run');

    await launcher.stop();
    expect(isAlive(restartedPid)).toBe(false);
    expect(isAlive(secondPid)).toBe(false);
    expect(lines).toEqual(expect.arrayContaining(['[host-1] bye host-1', '[host-2] bye host-2']));
    expect(lines.filter((line) => line.startsWith('event:'))).toHaveLength(1);
  });

  it('kills an agent that ignores SIGTERM once the stop deadline passes', async () => {
    await writeFile(entry, `process.on('SIGTERM', () => {}); console.log('stubborn'); setInterval(() => {}, 1000);`);
    launcher = new HostAgentLauncher(hostAgentSpecs(config(1), entry), {
      stopTimeoutMs: 200,
      write: (_stream, line) => lines.push(line),
      onEvent: (message) => lines.push(`event: ${message}`),
    });
    launcher.start();
    await until(() => (lines.includes('[host-1] stubborn') ? true : undefined), 'the agent');
    const [pid] = launcher.pids as number[];
    await launcher.stop();
    expect(isAlive(pid)).toBe(false);
    expect(lines.some((line) => line.startsWith('event:'))).toBe(false);
  });
});
