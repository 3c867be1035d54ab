import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export { freePort } from '@fsr/testing';

/** A Node program of this repository run as a child process, its output kept for assertions and failures. */
export class RepoProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  /** `ownGroup`: the program leads a process group of its own, as a terminal's foreground job does. */
  constructor(script: string, args: readonly string[], env: NodeJS.ProcessEnv, { ownGroup = false } = {}) {
    this.child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  }

  get text(): string {
    return this.output.join('');
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** To every process of its group, as a terminal's Ctrl-C (SIGINT) reaches them all. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.running) process.kill(-this.child.pid!, signal);
  }
}
