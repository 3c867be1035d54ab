import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SOURCES = ['apps/host-agent/src', 'libs/contracts/src', 'libs/domain/src', 'libs/redis-plumbing/src'];

/** Compiles the agent and what it imports with the project's swc settings into a private dist folder. */
export function buildHostAgent(): { main: string; remove: () => Promise<void> } {
  const out = join(ROOT, 'dist', 'test-builds', randomUUID());
  const swc = join(ROOT, 'node_modules', '.bin', 'swc');
  execFileSync(swc, [...SOURCES, '-d', out, '--quiet', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts'], {
    cwd: ROOT,
  });
  return { main: join(out, 'apps/host-agent/src/main.js'), remove: () => rm(out, { recursive: true, force: true }) };
}

export interface AgentProcess {
  readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

export function spawnHostAgent(main: string, env: Record<string, string>): AgentProcess {
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('exit', (code) => done({ code, stdout, stderr })),
  );
  return { exited, kill: (signal) => child.kill(signal) };
}
