import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort } from '@fsr/testing';
import { eventually } from './eventually';

export const CONTROL_PLANE_ENTRY = resolve(__dirname, '../../../../dist/apps/api/src/main.js');

export { freePort };

/** Tries of a fresh port: one a free-port probe found can be taken by any socket before the process binds it. */
const PORT_TRIES = 3;

/** The built control plane as its own process (as `npm start` runs it), so a test can SIGKILL it. */
export class ControlPlaneProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts one on a free port, on another if the port was taken meanwhile (an outgoing connection may get it). */
  static async launch(env: NodeJS.ProcessEnv): Promise<ControlPlaneProcess> {
    for (let tries = 1; ; tries++) {
      const controlPlane = new ControlPlaneProcess(await freePort(), env);
      try {
        await controlPlane.start();
        return controlPlane;
      } catch (error) {
        if (tries >= PORT_TRIES || !controlPlane.output.join('').includes('EADDRINUSE')) throw error;
      }
    }
  }

  /** Starts it and waits until it answers /health. */
  async start(): Promise<void> {
    this.child = spawn(process.execPath, [CONTROL_PLANE_ENTRY], {
      env: { ...process.env, HTTPS_PORT: '0', ...this.env, PORT: String(this.port), HOST: '127.0.0.1', HOST_AGENTS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    await eventually(
      () => fetch(`${this.url}/health`).then((response) => response.status, () => (this.running ? 0 : -1)),
      (status) => status > 0 || status === -1,
      { what: 'the control plane to listen', timeoutMs: 30_000, intervalMs: 100 },
    );
    if (!this.running) throw new Error(`the control plane exited at start:\n${this.output.join('')}`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Pauses (SIGSTOP) or resumes (SIGCONT) the process. */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
