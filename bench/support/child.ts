import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A built entry point run as its own process (as `npm start` runs it); its output is kept for errors. */
export class Child {
  private readonly output: string[] = [];
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    nodeArgs: readonly string[] = [],
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a signal (SIGKILL, SIGSTOP, SIGCONT) without waiting. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  recentOutput(): string {
    return this.output.join('').slice(-2000);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
