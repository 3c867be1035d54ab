import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A control-plane process among its replicas: `host:pid:random`. */
export const newReplicaId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Provable only on this machine: the replica's process no longer exists. (This process's own pid is never gone.) */
export function replicaIsGone(replicaId: string): boolean {
  const [host, pid] = replicaId.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
