import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

export const HOST_AGENT_ENTRY = resolve(__dirname, '../../../../dist/apps/host-agent/src/main.js');
/** The agent test stacks run: the real one, with faults a test can inject (`TestStack.injectSegmentFault`). */
export const TEST_HOST_AGENT_ENTRY = resolve(__dirname, '../../../../dist/apps/host-agent/test/faults/fault-injecting-agent.js');

/** A real host-agent process, as `npm start` runs it. */
export class AgentProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;

  constructor(
    readonly hostId: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    this.child = spawn(process.execPath, [TEST_HOST_AGENT_ENTRY], {
      env: { ...process.env, ...this.env, HOST_NAME: this.hostId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal without waiting (SIGSTOP/SIGCONT freeze and thaw the agent). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Sends `signal` and waits for the process to exit; returns its exit code (null when killed by a signal). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }
}
