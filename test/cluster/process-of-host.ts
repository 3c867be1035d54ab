import { readdirSync, readFileSync } from 'node:fs';

/** The pid of the host agent process serving `hostId` for `queuePrefix` (its environment names both), or undefined. */
export function agentPidOf(hostId: string, queuePrefix: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!command.includes('host-agent')) continue;
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environment.includes(`HOST_NAME=${hostId}`) && environment.includes(`QUEUE_PREFIX=${queuePrefix}`)) return Number(entry);
    } catch {
      // The process ended while it was being read.
    }
  }
  return undefined;
}
