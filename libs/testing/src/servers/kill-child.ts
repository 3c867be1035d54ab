import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** SIGKILL of a server the test started, returning once it has exited; nothing for one already gone. */
export async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
