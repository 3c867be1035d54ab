import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  /** Prefix of every forwarded output line, e.g. `host-1`. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export interface SupervisionOptions {
  readonly firstRestartDelayMs: number;
  readonly maxRestartDelayMs: number;
  /** A run this long counts as healthy: the next crash restarts after the first delay again. */
  readonly stableAfterMs: number;
  /** SIGTERM first; SIGKILL when the process is still there after this long. */
  readonly stopTimeoutMs: number;
  readonly write: (stream: 'stdout' | 'stderr', line: string) => void;
  readonly onEvent?: (message: string) => void;
}

export const DEFAULT_SUPERVISION: Omit<SupervisionOptions, 'write'> = {
  firstRestartDelayMs: 500,
  maxRestartDelayMs: 30_000,
  stableAfterMs: 60_000,
  stopTimeoutMs: 10_000,
};

/**
 * Keeps one child process running: forwards its output line by line with a prefix, restarts it
 * with exponential backoff when it exits on its own, and stops it (TERM, then KILL) on request.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private consecutiveCrashes = 0;
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ProcessSpec,
    private readonly options: SupervisionOptions,
  ) {}

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  start(): void {
    this.stopping = false;
    this.spawnChild();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const killTimer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(killTimer);
  }

  private spawnChild(): void {
    const { name, command, args, env } = this.spec;
    const startedAt = Date.now();
    // The IPC channel closes when this process dies, however it dies: the agent then stops instead of living on as an orphan.
    const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    this.forward(child, 'stdout');
    this.forward(child, 'stderr');
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    child.once('error', (error) => this.options.onEvent?.(`${name} could not start: ${error.message}`));
    child.once('close', (code, signal) => {
      if (this.stopping) return;
      this.consecutiveCrashes = Date.now() - startedAt >= this.options.stableAfterMs ? 1 : this.consecutiveCrashes + 1;
      const delay = Math.min(
        this.options.firstRestartDelayMs * 2 ** (this.consecutiveCrashes - 1),
        this.options.maxRestartDelayMs,
      );
      this.options.onEvent?.(`${name} exited (${signal ?? `code ${String(code)}`}); restarting in ${delay} ms`);
      this.restartTimer = setTimeout(() => this.spawnChild(), delay);
    });
  }

  private forward(child: ChildProcess, stream: 'stdout' | 'stderr'): void {
    const source = child[stream];
    if (!source) return;
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) =>
      this.options.write(stream, `[${this.spec.name}] ${line}`),
    );
  }
}
