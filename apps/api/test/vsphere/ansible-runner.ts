import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TaskResult {
  readonly failed?: boolean;
  readonly changed?: boolean;
  readonly [key: string]: unknown;
}

export interface PlaybookRun {
  /** The result of each task, by its name (the last run of a retried task). */
  readonly tasks: Map<string, TaskResult>;
  readonly failedTasks: string[];
  readonly exitCode: number;
  readonly output: string;
}

interface JsonCallbackOutput {
  plays: { tasks: { task: { name: string }; hosts: Record<string, TaskResult> }[] }[];
}

/**
 * Runs Debian's ansible-playbook as a user would, with the collection's environment variables; the
 * modules run under /usr/bin/python3 (it has aiohttp). Each run keeps its turbo-mode daemon in a
 * temporary directory of its own.
 */
export async function runPlaybook(playbook: string, env: Record<string, string>, vars: Record<string, string>): Promise<PlaybookRun> {
  const home = await mkdtemp(join(tmpdir(), 'fsr-ansible-'));
  // The collection's lookups keep their turbo-mode socket in ~/.ansible/tmp and expect it to exist.
  await mkdir(join(home, '.ansible', 'tmp'), { recursive: true });
  try {
    const args = ['-i', 'localhost,', '-c', 'local', '-e', 'ansible_python_interpreter=/usr/bin/python3', '-e', JSON.stringify(vars), playbook];
    const childEnv = {
      PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
      HOME: home,
      ANSIBLE_HOME: home,
      ANSIBLE_REMOTE_TMP: join(home, 'tmp'),
      ANSIBLE_LOCAL_TEMP: join(home, 'local'),
      ANSIBLE_STDOUT_CALLBACK: 'json',
      ANSIBLE_TURBO_LOOKUP_TTL: '3',
      ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
      ANSIBLE_NOCOLOR: '1',
      ...env,
    };
    const outcome = await run('/usr/bin/ansible-playbook', args, { env: childEnv, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code ?? 1, stderr: error.stderr }),
    );
    const json = JSON.parse(outcome.stdout.slice(outcome.stdout.indexOf('{'))) as JsonCallbackOutput;
    const tasks = new Map<string, TaskResult>();
    for (const play of json.plays) for (const task of play.tasks) tasks.set(task.task.name, task.hosts.localhost);
    const failedTasks = [...tasks].filter(([, result]) => result.failed && !('ignore_errors' in result && result.ignore_errors)).map(([name]) => name);
    return { tasks, failedTasks, exitCode: outcome.code, output: outcome.stdout };
  } finally {
    await stopTurboDaemons(home);
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * The collection's turbo mode leaves a daemon per run (modules, lookups) that would only exit after its TTL,
 * and never if its socket's directory is gone first: stop the ones of this run, found by their socket path.
 */
async function stopTurboDaemons(home: string): Promise<void> {
  const ours: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes('turbo') && commandLine.includes(`${home}/`)) ours.push(Number(entry));
  }
  for (const pid of ours) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5_000;
  // Gone, or a zombie its new parent has not reaped yet.
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  while (ours.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of ours.filter(alive)) process.kill(pid, 'SIGKILL');
}
