import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import { DEFAULT_SUPERVISION, ProcessSpec, SupervisedProcess, SupervisionOptions } from './supervised-process';

/** dist/apps/api/src/launcher -> dist/apps/host-agent/src/main.js */
export const DEFAULT_HOST_AGENT_ENTRY = resolve(__dirname, '../../../host-agent/src/main.js');

/** What the agents need, nothing more: they never see API keys or the database URL. */
function agentEnvironment(config: AppConfig, hostName: string): NodeJS.ProcessEnv {
  const { API_KEYS: _keys, DATABASE_URL: _database, ...inherited } = process.env;
  return {
    ...inherited,
    HOST_NAME: hostName,
    // One host per launched process: an inherited list would have each serve them all.
    HOST_NAMES: '',
    REDIS_URL: config.redisUrl,
    REDIS_CLUSTER_NODES: config.redisClusterNodes?.join(',') ?? '',
    QUEUE_PREFIX: config.queuePrefix,
    DATA_DIR: config.dataDir,
    HEARTBEAT_TIMEOUT_MS: String(config.heartbeatTimeoutMs),
    LOG_LEVEL: config.logLevel,
  };
}

export function hostAgentSpecs(config: AppConfig, entry = DEFAULT_HOST_AGENT_ENTRY): ProcessSpec[] {
  return Array.from({ length: config.hostAgents }, (_, index) => {
    const name = `host-${index + 1}`;
    return { name, command: process.execPath, args: [entry], env: agentEnvironment(config, name) };
  });
}

/**
 * Runs HOST_AGENTS host agents as child processes of `npm start` (`node <dist>/apps/host-agent/src/main.js`,
 * so their command lines name host-agent). A small supervisor rather than `concurrently`: that runs
 * commands through a shell, gives up after a fixed number of restarts and cannot wait for a graceful
 * stop with a deadline, all of which matter here.
 */
export class HostAgentLauncher {
  private readonly processes: SupervisedProcess[];

  constructor(specs: readonly ProcessSpec[], options: Partial<SupervisionOptions> = {}) {
    const supervision: SupervisionOptions = {
      ...DEFAULT_SUPERVISION,
      write: (stream, line) => process[stream].write(`${line}\n`),
      onEvent: (message) => process.stderr.write(`[launcher] ${message}\n`),
      ...options,
    };
    this.processes = specs.map((spec) => new SupervisedProcess(spec, supervision));
  }

  static forConfig(config: AppConfig, entry = DEFAULT_HOST_AGENT_ENTRY): HostAgentLauncher {
    if (config.hostAgents > 0 && !existsSync(entry)) {
      throw new Error(`Host agent entry ${entry} not found: run \`npm run build\` first, or set HOST_AGENTS=0`);
    }
    return new HostAgentLauncher(hostAgentSpecs(config, entry));
  }

  get pids(): (number | undefined)[] {
    return this.processes.map((child) => child.pid);
  }

  start(): void {
    this.processes.forEach((child) => child.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((child) => child.stop()));
  }
}
