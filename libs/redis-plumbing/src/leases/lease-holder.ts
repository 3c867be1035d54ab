import { hostname } from 'node:os';

/** Who holds a lease: enough to tell, on the same machine, whether that process still lives. */
export interface LeaseHolder {
  readonly pid: number;
  readonly host: string;
  /** When that process started (epoch ms): a later process with the same pid is another one. */
  readonly processStartedAt: number;
}

const STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);

export const thisProcess = (): Omit<LeaseHolder, 'host'> => ({ pid: process.pid, processStartedAt: STARTED_AT });

export const describeHolder = (holder: LeaseHolder): string => `pid ${holder.pid} on ${holder.host}`;

/** Only provable on this machine: the pid is dead, or it is this process's pid but an earlier process's lease. */
export function holderIsGone(holder: LeaseHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return Math.abs(holder.processStartedAt - STARTED_AT) > 1000;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
