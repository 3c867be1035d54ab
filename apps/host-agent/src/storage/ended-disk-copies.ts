import { CopyDisksCommand, DiskCopyResult } from '@fsr/contracts';
import { AgentRefusalError } from '../commands/agent-refusal';

const KEPT = 512;

export type DiskCopyAsk = Omit<CopyDisksCommand, 'type'>;

/** Whether two asks are for the very same copy: the same VM and disks, paths and sizes. */
export function sameDiskCopy(a: DiskCopyAsk, b: DiskCopyAsk): boolean {
  const key = (disks: DiskCopyAsk['disks']) => JSON.stringify(disks.map(({ diskId, sourcePath, targetPath, sizeMiB }) => [diskId, sourcePath, targetPath, sizeMiB]));
  return a.vmId === b.vmId && key(a.disks) === key(b.disks);
}

export type DiskCopyEnding = { readonly result: DiskCopyResult } | { readonly refusal: AgentRefusalError };

/**
 * How the last disk copies ended, by operation: asked again, a copy that is over answers how it ended (a cold
 * copy closes its files as it ends, a failed one is gone) instead of starting over.
 */
export class EndedDiskCopies {
  private readonly endings = new Map<string, { ask: DiskCopyAsk; ending: DiskCopyEnding }>();

  record(ask: DiskCopyAsk, ending: DiskCopyEnding): void {
    this.endings.delete(ask.operationId);
    this.endings.set(ask.operationId, { ask, ending });
    if (this.endings.size > KEPT) this.endings.delete(this.endings.keys().next().value as string);
  }

  /** How the copy `ask` asks for ended, if this agent ended it. */
  of(ask: DiskCopyAsk): DiskCopyEnding | undefined {
    const ended = this.endings.get(ask.operationId);
    return ended && sameDiskCopy(ended.ask, ask) ? ended.ending : undefined;
  }
}
