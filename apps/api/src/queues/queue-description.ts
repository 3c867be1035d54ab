import { CONTROL_PLANE_REPORTS_QUEUE } from '@fsr/contracts';

export interface QueueDescription {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly hostId: string | null;
  readonly kind: 'reports' | 'commands' | 'pframes' | 'other';
}

const COMMANDS = /^host\.(.+)\.commands$/;
const PARTITION = /^host\.(.+)\.pframes\.p(\d+)$/;

/** How a person finds a queue: by host, then by its role (commands or the PFrame partition of vCPU n). */
export function describeQueue(name: string): QueueDescription {
  if (name === CONTROL_PLANE_REPORTS_QUEUE) {
    return { name, displayName: 'control plane reports', description: 'Host agents report here: registration, heartbeats, results', hostId: null, kind: 'reports' };
  }
  const commands = COMMANDS.exec(name);
  if (commands) {
    const hostId = commands[1];
    return { name, displayName: `${hostId} commands`, description: `Commands to host ${hostId}: power, disks, FSR prepare and switch-over`, hostId, kind: 'commands' };
  }
  const partition = PARTITION.exec(name);
  if (partition) {
    const [, hostId, index] = partition;
    return {
      name,
      displayName: `${hostId} PFrame partition p${index}`,
      description: `Segment ${Number(index)} of every switch-over on ${hostId} (vCPU ${Number(index)}); job names carry the VM and operation`,
      hostId,
      kind: 'pframes',
    };
  }
  return { name, displayName: name, description: '', hostId: null, kind: 'other' };
}
